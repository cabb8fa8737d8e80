// The SDK adapter for real: gcc builds the stand-in vendor libraries (sdtapi ABI and the WLT
// decoder) into a temp folder, the adapter loads them by path with koffi on a worker thread, and
// the supervisor drives it. Also a misbehaving SDK: garbage and impossible lengths, a call that
// never returns (the event loop keeps running), a pulled reader, a missing library.
import fs from 'node:fs';
import { PNG } from 'pngjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Offline } from '../../../common/devices';
import { memoryLogger } from '../../core/log';
import { DeviceSupervisor } from '../../supervisor/supervisor';
import { tempDir, waitFor } from '../../test-support/wait';
import type { CardRead, CardReadFailure } from '../reader';
import { SAMPLE_CARDS } from '../sample-cards';
import { sampleCard, simCard } from '../simulator';
import { sdkIdCardReaderConnector, type SdkReaderConfig } from './connect-sdk';
import type { SdkReaderSession } from './sdk-reader';
import { buildStandIns, setStandInCard, setStandInFault, type StandIns } from './stand-in/build-stand-ins';
import { wltPhotoDecoder, type ClosablePhotoDecoder } from './wlt-decoder';

let dir: string;
let lib: StandIns;
let decoder: ClosablePhotoDecoder;
let sup: DeviceSupervisor<'id-card-reader', SdkReaderSession> | null = null;
let reads: CardRead[];
let failures: CardReadFailure[];

beforeAll(async () => {
  dir = tempDir('sdk-standin');
  const built = await buildStandIns(dir);
  if (!built.ok) throw new Error(built.error);
  lib = built.value;
  process.env.KIOSK_SDK_STANDIN_DIR = lib.stateDir;
  decoder = wltPhotoDecoder({ library: lib.wlt, symbol: 'unpack', flag: 0, okCode: 1, rowOrder: 'top-down', callTimeoutMs: 500 });
});

afterAll(async () => {
  await decoder.close();
  delete process.env.KIOSK_SDK_STANDIN_DIR;
  fs.rmSync(dir, { recursive: true, force: true });
});

function start(extra: Partial<SdkReaderConfig> = {}) {
  reads = [];
  failures = [];
  sup = new DeviceSupervisor({
    kind: 'id-card-reader',
    mode: 'sdk',
    logger: memoryLogger(),
    retryMs: 200,
    connect: sdkIdCardReaderConnector({ library: lib.sdtapi, profile: 'sdtapi', port: 1001, pollMs: 300, callTimeoutMs: 500, ...extra }, decoder),
    onSession: (s) => {
      s.events.on('card', (c) => reads.push(c));
      s.events.on('card-error', (f) => failures.push(f));
    },
  });
  sup.start();
}

const status = () => sup!.view().status;
const ready = () => waitFor(() => status().state === 'ready', 4000, 'reader ready');

afterEach(async () => {
  for (const f of ['hang', 'garbage', 'unplugged', 'no-sam'] as const) setStandInFault(lib.stateDir, f, false);
  setStandInCard(lib.stateDir, null);
  await sup?.stop();
  sup = null;
});

describe('ID-card reader through the vendor SDK (stand-in library, koffi, worker thread)', () => {
  it('reads a card, its photo decoded by the vendor decoder stand-in, and reads it once', async () => {
    start();
    await ready();
    setStandInCard(lib.stateDir, sampleCard('resident'));
    await waitFor(() => reads.length === 1, 3000, 'card read');
    const r = reads[0]!;
    expect(r.identity).toEqual(SAMPLE_CARDS.resident);
    expect(r.photo).toMatchObject({ mime: 'image/png', width: 102, height: 126 });
    const png = PNG.sync.read(Buffer.from(r.photo!.bytes));
    expect([png.width, png.height]).toEqual([102, 126]);
    // the stand-in paints the face in skin tone at the centre of the picture
    const centre = (48 * 102 + 51) * 4;
    expect([...png.data.subarray(centre, centre + 3)]).toEqual([224, 190, 160]);
    await waitFor(() => status().state === 'card-held', 2000, 'card held');
    await new Promise((res) => setTimeout(res, 700)); // two more polls see the same card
    expect(reads.length).toBe(1);
    // another card gives another picture
    setStandInCard(lib.stateDir, sampleCard('township-helper'));
    await waitFor(() => reads.length === 2, 3000, 'second card');
    expect(reads[1]!.identity).toEqual(SAMPLE_CARDS['township-helper']);
    expect(Buffer.compare(reads[1]!.photo!.bytes, r.photo!.bytes)).not.toBe(0);
  });

  it('reads the fingerprint block where the SDK has the call', async () => {
    start({ readFingerprint: true });
    await ready();
    setStandInCard(lib.stateDir, simCard(SAMPLE_CARDS['foreign-permanent-2023'], true));
    await waitFor(() => reads.length === 1, 3000, 'card read');
    expect(reads[0]!.identity).toEqual(SAMPLE_CARDS['foreign-permanent-2023']);
    expect(reads[0]!.fingerprint?.length).toBe(1024);
  });

  it('turns garbage and impossible lengths into a clear device status, not a card', async () => {
    start();
    await ready();
    setStandInFault(lib.stateDir, 'garbage', true);
    setStandInCard(lib.stateDir, sampleCard('resident'));
    const off = (await waitFor(() => ((status() as Offline).reason === 'error' ? status() : null), 4000, 'offline')) as Offline;
    expect(off.detail).toContain('text length 2147483647');
    expect(reads.length).toBe(0);
    expect(failures[0]).toMatchObject({ reason: 'read-failed', problem: 'incomplete', detail: 'text length 2147483647, expected 256' });
    setStandInFault(lib.stateDir, 'garbage', false);
    await waitFor(() => reads.length === 1, 4000, 'read once the SDK behaves');
  });

  it('keeps the kiosk responsive while an SDK call hangs, says which call, and recovers when it returns', async () => {
    start();
    await ready();
    setStandInFault(lib.stateDir, 'hang', true);
    let ticks = 0;
    const t = setInterval(() => ticks++, 50);
    try {
      const off = (await waitFor(() => ((status() as Offline).reason === 'no-response' ? status() : null), 3000, 'offline')) as Offline;
      expect(off.detail).toMatch(/SDT_|findCard|samStatus|openPort/);
      await new Promise((res) => setTimeout(res, 600));
      // the reopen attempts see the stuck call instead of starting a second one
      expect((status() as Offline).detail).toMatch(/not responding|still inside/);
    } finally {
      clearInterval(t);
    }
    expect(ticks).toBeGreaterThan(15); // ~1 s of a free event loop while the SDK was stuck
    setStandInFault(lib.stateDir, 'hang', false);
    await ready();
    setStandInCard(lib.stateDir, sampleCard('hmt-residence-permit'));
    await waitFor(() => reads.length === 1, 3000, 'card read after the hang');
  });

  it('reports a pulled reader as not responding and reads again once it is back', async () => {
    start();
    await ready();
    setStandInFault(lib.stateDir, 'unplugged', true);
    await waitFor(() => status().state === 'offline', 3000, 'offline');
    setStandInFault(lib.stateDir, 'unplugged', false);
    await ready();
    setStandInCard(lib.stateDir, sampleCard('resident'));
    await waitFor(() => reads.length === 1, 3000, 'card read after replug');
  });

  it('says the SDK library cannot be loaded when the path or a symbol is wrong', async () => {
    start({ library: `${dir}/missing.so` });
    const off = (await waitFor(() => ((status() as Offline).detail?.includes('missing.so') ? status() : null), 3000, 'offline')) as Offline;
    expect(off.reason).toBe('unavailable');
    await sup!.stop();
    start({ symbols: { readBase: 'SDT_NoSuchCall' } });
    await waitFor(() => (status() as Offline).detail?.includes('SDT_NoSuchCall'), 3000, 'symbol named');
  });

  it('gives the identity without a photo, and says why, when the decoder refuses the photo', async () => {
    start();
    await ready();
    const card = sampleCard('resident');
    card.photo[0] = 0; // not a WLT
    setStandInCard(lib.stateDir, card);
    await waitFor(() => reads.length === 1, 3000, 'card read');
    expect(reads[0]!.photo).toBeNull();
    expect(reads[0]!.photoProblem).toMatchObject({ problem: 'decoder-refused' });
  });
});
