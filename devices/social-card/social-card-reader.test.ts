// The PC/SC driver for real: a private pcscd with the vpcd reader, the virtual social security
// card (python3-virtualsmartcard) served over vpcd's socket, and the driver calling
// libpcsclite through koffi on its worker thread. Insert, remove, a second card, the wrong card,
// a card that answers garbage, no reader, and pcscd down.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Offline } from '../../common/devices';
import { waitFor } from '../test-support/wait';
import { listPcscReaders, pcscSocialCardConnector } from './connect-pcsc';
import { SAMPLE_SOCIAL_CARDS } from './sample-social-cards';
import { PcscSim } from './sim/pcsc-sim';
import type { SocialCardFailure, SocialCardRead, SocialCardReaderSession } from './social-card-reader';

let sim: PcscSim;
let session: SocialCardReaderSession | null = null;
let reads: SocialCardRead[];
let failures: SocialCardFailure[];
let lost: Offline | null;

beforeAll(async () => {
  const s = await PcscSim.start();
  if (!s.ok) throw new Error(s.error);
  sim = s.value;
});

afterAll(async () => {
  await sim?.close();
});

afterEach(async () => {
  await session?.close();
  session = null;
  await sim.remove();
  await sim.setReaderPresent(true);
});

const connect = pcscSocialCardConnector({ profile: 'mohrss-v2', pollMs: 200, callTimeoutMs: 3000 });

async function open(): Promise<SocialCardReaderSession> {
  const r = await connect();
  if (!r.ok) throw new Error(r.error.detail);
  reads = [];
  failures = [];
  lost = null;
  session = r.value;
  session.events.on('card', (c) => reads.push(c));
  session.events.on('card-error', (f) => failures.push(f));
  session.onLost((o) => (lost = o));
  return session;
}

describe('social security card reader over PC/SC (pcscd + vpcd)', () => {
  it('lists the reader, reads an inserted card once, and is ready again when it is taken out', async () => {
    const readers = await listPcscReaders();
    expect(readers.ok && readers.value).toContain(PcscSim.READER);
    const s = await open();
    expect(s.readerName).toBe(PcscSim.READER);
    await waitFor(() => s.status.state === 'ready', 3000, 'ready');
    expect((await sim.insert({ identity: SAMPLE_SOCIAL_CARDS.resident })).ok).toBe(true);
    await waitFor(() => reads.length === 1, 5000, 'card read');
    expect(reads[0]!.identity).toEqual(SAMPLE_SOCIAL_CARDS.resident);
    expect(s.status.state).toBe('card-held');
    // left in the reader: not read again
    await new Promise((r) => setTimeout(r, 700));
    expect(reads).toHaveLength(1);
    await sim.remove();
    await waitFor(() => s.status.state === 'ready', 3000, 'ready after removal');
    await sim.insert({ identity: SAMPLE_SOCIAL_CARDS['resident-long-term'] });
    await waitFor(() => reads.length === 2, 5000, 'second card read');
    expect(reads[1]!.identity).toEqual(SAMPLE_SOCIAL_CARDS['resident-long-term']);
    expect(failures).toEqual([]);
  });

  it('says which card is not a social security card, and which answers garbage', async () => {
    const s = await open();
    await sim.insert({ kind: 'wrong-card' });
    await waitFor(() => failures.length === 1, 5000, 'wrong card refused');
    expect(failures[0]).toEqual({ reason: 'not-social-card' });
    expect(s.status.state).toBe('card-held');
    await sim.insert({ kind: 'garbage' });
    await waitFor(() => failures.length === 2, 5000, 'garbage refused');
    expect(failures[1]).toMatchObject({ reason: 'invalid-data', problem: { kind: 'record' } });
    expect(reads).toEqual([]);
    // the reader itself is fine
    expect(lost).toBeNull();
  });

  it('goes offline when the reader disappears, cannot open without one, and opens again when it is back', async () => {
    await open();
    expect((await sim.setReaderPresent(false)).ok).toBe(true);
    await waitFor(() => lost, 5000, 'session lost');
    expect(lost!.state).toBe('offline');
    await session!.close();
    session = null;
    const none = await connect();
    expect(!none.ok && none.error.reason).toBe('not-found');
    expect((await sim.setReaderPresent(true)).ok).toBe(true);
    const s = await open();
    await sim.insert({ identity: SAMPLE_SOCIAL_CARDS.resident });
    await waitFor(() => reads.length === 1, 5000, 'card read after replug');
    expect(s.status.state).toBe('card-held');
  });

  it('reports pcscd not running as unavailable', async () => {
    await sim.stopService();
    const r = await connect();
    expect(!r.ok && r.error).toMatchObject({ state: 'offline', reason: 'unavailable' });
  });
});
