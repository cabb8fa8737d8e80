// Opens the reader through its vendor's SDK: loads the library (by path) on a worker thread,
// binds the profile's symbols and opens the SDK's port. While an earlier session's call is still
// stuck inside the library, no new session starts (vendor libraries are not thread-safe): the
// reader stays offline, saying which call is stuck.
import type { Offline } from '../../../common/devices';
import { err, ok, type Result } from '../../../common/result';
import { FfiWorker } from '../../core/ffi-worker';
import type { PhotoDecoder } from '../photo-decoder';
import { SDK_PROFILES, sdkPrototypes, type SdkProfileName, type SdkSymbols } from './sdk-profiles';
import { SdkReaderSession } from './sdk-reader';

export interface SdkReaderConfig {
  library: string;
  profile: SdkProfileName;
  /** per-vendor symbol names over the profile's */
  symbols?: Partial<SdkSymbols>;
  port: number;
  pollMs: number;
  callTimeoutMs: number;
  readFingerprint?: boolean;
  missedPollsOffline?: number;
}

/** Libraries with a call still stuck in them, from a session that has already given up. */
const wedged = new Map<string, { stuck: () => { fn: string; forMs: number } | null }>();

export function sdkIdCardReaderConnector(cfg: SdkReaderConfig, photoDecoder: PhotoDecoder) {
  const symbols = { ...SDK_PROFILES[cfg.profile].symbols, ...cfg.symbols };
  return async (): Promise<Result<SdkReaderSession, Offline>> => {
    const stuck = wedged.get(cfg.library)?.stuck();
    if (stuck)
      return err({
        state: 'offline',
        reason: 'no-response',
        detail: `reader SDK still inside ${stuck.fn} for ${stuck.forMs} ms`,
      });
    wedged.delete(cfg.library);
    const worker = await FfiWorker.start({ sdk: { path: cfg.library, functions: sdkPrototypes(symbols) } });
    if (!worker.ok) return err({ state: 'offline', reason: 'unavailable', detail: `reader SDK ${cfg.library} could not be loaded: ${worker.error}` });
    const ffi = worker.value;
    const session = new SdkReaderSession(ffi, {
      port: cfg.port,
      pollMs: cfg.pollMs,
      callTimeoutMs: cfg.callTimeoutMs,
      photoDecoder,
      readFingerprint: cfg.readFingerprint,
      hasSamStatus: !!symbols.samStatus,
      hasFingerprint: !!symbols.readBaseFingerprint,
      missedPollsOffline: cfg.missedPollsOffline,
    });
    // remembered before anything can hang, so the next attempt sees a stuck call
    wedged.set(cfg.library, { stuck: () => ffi.stuckCall });
    const started = await session.start();
    if (!started.ok) {
      await session.close();
      return started;
    }
    return ok(session);
  };
}
