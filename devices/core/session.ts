// What the supervisor holds for an opened device: its live status, and a way to learn that the
// device went away. Every driver (serial, CUPS, SANE, HID) presents itself this way.
import type { Offline } from '../../common/devices';
import type { Result } from '../../common/result';

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
export interface DeviceSession<S> {
  readonly status: S;
  onStatus(cb: (s: S) => void): () => void;
  /** Called once when the device is gone (I/O error, hangup, probe failure). */
  onLost(cb: (reason: Offline) => void): void;
  close(): Promise<void>;
}

export type Connect<S, D extends DeviceSession<S>> = () => Promise<Result<D, Offline>>;
