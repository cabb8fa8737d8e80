// Opens the social security card reader through PC/SC: libpcsclite on its own FFI worker
// thread, a context with pcscd, and the reader (by name, or the first one). A missing pcscd,
// a missing reader or a library that cannot be loaded is a reason the technician can act on.
import type { Offline } from '../../common/devices';
import { err, ok, type Result } from '../../common/result';
import { FfiWorker } from '../core/ffi-worker';
import { PCSC_LIBRARY, PCSC_PROTOTYPES, PcscClient, pcscCode, SCARD } from './pcsc';
import { SSC_PROFILES, type SscProfileName } from './ssc-profile';
import { pickReader, SocialCardReaderSession } from './social-card-reader';

export interface PcscReaderConfig {
  /** a reader whose name contains this; the first reader when absent */
  reader?: string;
  profile: SscProfileName;
  pollMs: number;
  /** one PC/SC call's deadline */
  callTimeoutMs: number;
  /** the client library (libpcsclite.so.1 by default) */
  library?: string;
}

/** Every reader pcscd knows now (the technician CLI's list); an error says why none could be asked. */
export async function listPcscReaders(library = PCSC_LIBRARY, callTimeoutMs = 5000): Promise<Result<string[], string>> {
  const opened = await openClient(library, callTimeoutMs);
  if (!opened.ok) return err(opened.error.detail);
  const { client } = opened.value;
  try {
    const readers = await client.listReaders();
    return readers.ok ? ok(readers.value) : err(readers.error.kind === 'code' ? `${readers.error.fn} = ${pcscCode(readers.error.code)}` : readers.error.error.detail);
  } finally {
    await client.close();
  }
}

async function openClient(library: string, callTimeoutMs: number): Promise<Result<{ client: PcscClient }, Offline>> {
  const worker = await FfiWorker.start({ pcsc: { path: library, functions: PCSC_PROTOTYPES } });
  if (!worker.ok) return err({ state: 'offline', reason: 'unavailable', detail: `PC/SC library ${library} could not be loaded: ${worker.error}` });
  const client = await PcscClient.open(worker.value, callTimeoutMs);
  if (!client.ok) {
    await worker.value.close();
    const e = client.error;
    if (e.kind === 'code' && e.code === SCARD.E_NO_SERVICE) return err({ state: 'offline', reason: 'unavailable', detail: 'pcscd is not running (SCARD_E_NO_SERVICE)' });
    return err({ state: 'offline', reason: 'error', detail: e.kind === 'code' ? `${e.fn} = ${pcscCode(e.code)}` : `${e.fn}: ${e.error.detail}` });
  }
  return ok({ client: client.value });
}

export function pcscSocialCardConnector(cfg: PcscReaderConfig) {
  return async (): Promise<Result<SocialCardReaderSession, Offline>> => {
    const opened = await openClient(cfg.library ?? PCSC_LIBRARY, cfg.callTimeoutMs);
    if (!opened.ok) return opened;
    const { client } = opened.value;
    const fail = async (o: Offline) => {
      await client.close();
      return err(o);
    };
    const readers = await client.listReaders();
    if (!readers.ok) return fail({ state: 'offline', reason: 'error', detail: readers.error.kind === 'code' ? `${readers.error.fn} = ${pcscCode(readers.error.code)}` : readers.error.error.detail });
    const name = pickReader(readers.value, cfg.reader);
    if (!name) return fail({ state: 'offline', reason: 'not-found', detail: cfg.reader ? `no PC/SC reader named "${cfg.reader}" (have: ${readers.value.join(', ') || 'none'})` : 'no PC/SC reader' });
    const session = new SocialCardReaderSession(client, name, { profile: SSC_PROFILES[cfg.profile], reader: cfg.reader, pollMs: cfg.pollMs });
    session.start();
    return ok(session);
  };
}
