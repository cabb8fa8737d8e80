// Opens the reader's port (by path or USB id) and starts a reader session on it.
import type { Offline } from '../../common/devices';
import { err, ok, type Result } from '../../common/result';
import { openSerialLink, type Link } from '../core/link';
import { resolveSerialPath } from '../core/usb-lookup';
import type { PhotoDecoder } from './photo-decoder';
import { IdCardReaderSession } from './reader';

export interface IdCardReaderPortConfig {
  path?: string;
  vidPid?: string;
  baudRate: number;
  pollMs: number;
  readFingerprint?: boolean;
  commandTimeoutMs?: number;
  missedPollsOffline?: number;
}

export function idCardReaderConnector(cfg: IdCardReaderPortConfig, photoDecoder: PhotoDecoder) {
  return async (): Promise<Result<IdCardReaderSession, Offline>> => {
    const where = await resolveSerialPath(cfg);
    if ('missing' in where) return err({ state: 'offline', reason: cfg.path || cfg.vidPid ? 'not-found' : 'not-configured', detail: where.missing });
    const link = await openSerialLink(where.path, cfg.baudRate);
    if (!link.ok) return err({ state: 'offline', reason: link.error.reason === 'not-found' ? 'not-found' : 'error', detail: link.error.detail });
    return startReaderSession(link.value, cfg, photoDecoder);
  };
}

export type ReaderSessionOptions = Pick<IdCardReaderPortConfig, 'pollMs' | 'readFingerprint' | 'commandTimeoutMs' | 'missedPollsOffline'>;

/** The SAM driver on an opened link (serial or HID): started, or closed again with the reason. */
export async function startReaderSession(link: Link, cfg: ReaderSessionOptions, photoDecoder: PhotoDecoder): Promise<Result<IdCardReaderSession, Offline>> {
  const session = new IdCardReaderSession(link, {
    pollMs: cfg.pollMs,
    photoDecoder,
    readFingerprint: cfg.readFingerprint,
    commandTimeoutMs: cfg.commandTimeoutMs,
    missedPollsOffline: cfg.missedPollsOffline,
  });
  const started = await session.start();
  if (!started.ok) {
    await session.close();
    return started;
  }
  return ok(session);
}
