// The ID-card reader's new transports through the whole backend, as a technician configures
// them: the simulated reader reached over USB HID (the report-level double below node-hid) and
// through the vendor SDK (gcc-built stand-in libraries loaded with koffi, photo decoded by the
// stand-in WLT decoder). A card placed on the reader reaches the journey's prefilled form, and a
// helper's card signs the helper in, and the card finds the holder's cases in follow-up, exactly as over serial. Then a real SDK reader without a photo decoder: 人证核验 unavailable.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sampleCatalog } from '../../central/catalog/sample-catalog';
import type { DeviceStatusView } from '../../common/devices';
import type { KioskEvent } from '../../common/events';
import { uuidv7 } from '../../common/uuidv7';
import { SAMPLE_CARDS } from '../../devices/id-card/sample-cards';
import { sampleCard } from '../../devices/id-card/simulator';
import { buildStandIns, setStandInCard, type StandIns } from '../../devices/id-card/sdk/stand-in/build-stand-ins';
import { tempDir, waitFor } from '../../devices/test-support/wait';
import { deviceStatusLine } from '../../common/device-words';
import { enrolHelper, HELPER_PIN, TEST_HELPERS } from './test-support/helper';
import { tempKiosk, type TempKiosk } from './test-support/temp-kiosk';

const RENT = sampleCatalog.services.find((s) => s.code === '321300-QT-00401-004')!;
const UNEMPLOYMENT = sampleCatalog.services.find((s) => s.code === '321300-JF-00203-001')!;
const card = SAMPLE_CARDS.resident;
const open: TempKiosk[] = [];

afterEach(async () => {
  while (open.length) {
    const k = open.pop()!;
    await k.close();
    fs.rmSync(k.dataDir, { recursive: true, force: true });
  }
});

async function kiosk(config: Record<string, unknown>): Promise<TempKiosk> {
  const k = await tempKiosk({ config: { terminalId: 'IDR0001', ...config }, overrides: { devTools: true } });
  open.push(k);
  return k;
}

const reader = (k: TempKiosk) => k.ctx.devices.list().find((d) => d.device === 'id-card-reader')! as Extract<DeviceStatusView, { device: 'id-card-reader' }>;
const json = async <T>(r: Response | Promise<Response>) => (await (await r).json()) as T;
const submitWithoutMaterials = (k: TempKiosk) =>
  k.get('/api/journey/submit', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      idempotencyKey: uuidv7(),
      serviceCode: UNEMPLOYMENT.code,
      form: {},
      materials: [],
      signature: { mime: 'image/png', data: Buffer.from('signature-png').toString('base64') },
    }),
  });

describe.each(['hid', 'sdk'] as const)('a card on a simulated reader reached over %s', (transport) => {
  it("signs a helper in with card and PIN, and a citizen's card prefills the form, with its photo", async () => {
    const k = await kiosk({ journey: { faceCheck: true }, devices: [{ kind: 'id-card-reader', mode: 'simulator', simulatedTransport: transport, pollMs: 300 }] });
    const reads: KioskEvent[] = [];
    k.ctx.bus.subscribe((e) => e.type === 'idcard.read' && reads.push(e));
    await waitFor(() => reader(k).status.state === 'ready', 15_000, `${transport} reader ready`);
    expect(reader(k).health).toBe('ok');
    expect((await json<{ config: { faceCheck: boolean } }>(k.get('/api/system/info'))).config.faceCheck).toBe(true);
    // 帮办代办 sign-in with the helper's own card on this reader, then the PIN (checked by central)
    await enrolHelper(k, TEST_HELPERS.a);
    const post = (p: string, body: unknown) => k.get(p, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const waiting = post('/api/helper/card', { waitSec: 10 });
    await new Promise((r) => setTimeout(r, 50));
    await k.ctx.devices.sim!.act({ device: 'id-card-reader', action: 'insert', card: 'township-helper' });
    expect(await json(waiting)).toMatchObject({ ok: true, helper: { staffId: 'HB-001' } });
    expect(await json(post('/api/helper/session', { pin: HELPER_PIN }))).toMatchObject({ ok: true, helper: { staffId: 'HB-001' } });
    await k.ctx.devices.sim!.act({ device: 'id-card-reader', action: 'remove' });
    await waitFor(() => reader(k).status.state === 'ready', 5000, 'helper card taken away');

    // then a citizen's card reaches the journey
    const acted = await k.ctx.devices.sim!.act({ device: 'id-card-reader', action: 'insert', card: 'resident' });
    expect(acted.ok).toBe(true);
    await waitFor(async () => (await json<{ identity: unknown }>(k.get('/api/journey/identity'))).identity, 5000, 'identity held');
    const read = reads.at(-1) as Extract<KioskEvent, { type: 'idcard.read' }>;
    expect(read.identity).toEqual(card);
    // HID: the simulator's test image; SDK: the stand-in vendor decoder's pixels, as PNG
    expect(read.photo?.mime).toBe('image/png');
    const form = await waitFor(
      async () => {
        const r = await k.get(`/api/journey/services/${RENT.code}/form`);
        return r.status === 200 ? ((await r.json()) as { prefill: Record<string, { value: string; locked: boolean }> }) : null;
      },
      10_000,
      'the form',
    );
    expect(form.prefill.applicantName).toMatchObject({ value: card.name, locked: true });
    expect(form.prefill.applicantIdNumber!.value).toBe(`${card.idNumber.slice(0, 4)}**********${card.idNumber.slice(-4)}`);
  });
});

describe.each(['hid', 'sdk'] as const)('follow-up (progress by card) on a simulated reader reached over %s', (transport) => {
  it("placing the card finds the holder's synced case; the number is neither answered nor logged in clear", async () => {
    const k = await kiosk({ devices: [{ kind: 'id-card-reader', mode: 'simulator', simulatedTransport: transport, pollMs: 300 }] });
    await waitFor(() => reader(k).status.state === 'ready', 15_000, `${transport} reader ready`);
    const service = sampleCatalog.services.find((s) => s.kioskFull)!;
    await waitFor(() => k.ctx.catalog.service(service.code), 10_000, 'catalog');
    const post = async (p: string, body: unknown) => {
      const r = await k.get(p, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      return { status: r.status, body: (await r.json()) as { receiptNo: string; cases: { receiptNo: string; caseNo: string | null }[] } };
    };
    const submitted = await post('/api/submissions', {
      idempotencyKey: uuidv7(),
      serviceCode: service.code,
      applicant: { name: card.name, idNumber: card.idNumber, phone: '13912345678' },
      form: {},
      materials: [{ materialId: service.materials[0]!.id, provision: 'scanned', pages: [{ mime: 'image/jpeg', data: crypto.randomBytes(2000).toString('base64') }] }],
      channel: 'kiosk',
      delivery: 'kiosk_print',
    });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    await k.ctx.queue.syncNow();
    const caseNo = k.ctx.queue.caseStatus(submitted.body.receiptNo)?.caseNo;
    expect(caseNo).toMatch(/^AJ/);

    // the progress screen listens; the citizen places the card on this reader
    const wait = k.get('/api/progress/wait?timeoutMs=10000');
    await waitFor(() => k.ctx.citizen.inputs.waiting > 0, 5000, 'listening');
    expect((await k.ctx.devices.sim!.act({ device: 'id-card-reader', action: 'insert', card: 'resident' })).ok).toBe(true);
    expect(await json(wait)).toMatchObject({ kind: 'card' });
    const found = await post('/api/progress/lookup', { by: 'card' });
    expect(found.status).toBe(200);
    expect(found.body.cases).toEqual(expect.arrayContaining([expect.objectContaining({ receiptNo: submitted.body.receiptNo, caseNo })]));
    expect(JSON.stringify(found.body)).not.toContain(card.idNumber);
    expect(k.logLines.join('\n')).not.toContain(card.idNumber);
    // leaving forgets the card: a lookup by card needs the card again
    await post('/api/progress/end', {});
    expect((await post('/api/progress/lookup', { by: 'card' })).status).toBe(409);
  }, 60_000);
});

describe('a real reader without a photo decoder', () => {
  let dir: string;
  let libs: StandIns;
  beforeAll(async () => {
    dir = tempDir('idr-standin');
    const b = await buildStandIns(dir);
    if (!b.ok) throw new Error(b.error);
    libs = b.value;
    process.env.KIOSK_SDK_STANDIN_DIR = libs.stateDir;
  });
  afterAll(() => {
    delete process.env.KIOSK_SDK_STANDIN_DIR;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const sdkReader = (photoDecoder: unknown) => ({ kind: 'id-card-reader', mode: 'sdk', pollMs: 300, sdk: { library: libs.sdtapi }, photoDecoder });

  it('reports 人证核验 unavailable at boot, on the technician screen and to the journey, still reads cards and logs a submission that goes without it', async () => {
    const k = await kiosk({ journey: { faceCheck: true }, devices: [sdkReader(null)] });
    expect(k.logLines.some((l) => l.includes('journey.face-check-unavailable') && l.includes('no-photo-decoder'))).toBe(true);
    await waitFor(() => reader(k).status.state === 'ready', 10_000, 'sdk reader ready');
    const view = reader(k);
    expect(view.health).toBe('degraded');
    expect(view.limitation).toBe('no-photo-decoder');
    expect(deviceStatusLine(view.device, view.status, view.limitation)).toContain('人证核验不可用');
    const listed = await json<{ devices: DeviceStatusView[] }>(k.get('/api/devices'));
    expect(listed.devices.find((d) => d.device === 'id-card-reader')!.health).toBe('degraded');
    expect((await json<{ config: { faceCheck: boolean } }>(k.get('/api/system/info'))).config.faceCheck).toBe(false);
    // the card is still read (without a photo) and the form is still reached
    setStandInCard(libs.stateDir, sampleCard('resident'));
    await waitFor(async () => (await json<{ identity: unknown }>(k.get('/api/journey/identity'))).identity, 5000, 'identity held');
    setStandInCard(libs.stateDir, null);
    // the read's log line says why there is no photo, as a code
    expect(k.logLines.some((l) => l.includes('"idcard.read"') && l.includes('"photoProblem":"no-decoder"'))).toBe(true);
    // a submission goes on without the face step (refused here only for its missing materials), logged
    const r = await json<{ error: string }>(submitWithoutMaterials(k));
    expect(r.error).not.toBe('face-check-needed');
    expect(k.logLines.some((l) => l.includes('journey.face-check-skipped') && l.includes(UNEMPLOYMENT.code))).toBe(true);
  });

  it('checks faces once the vendor decoder is configured', async () => {
    const k = await kiosk({ journey: { faceCheck: true }, devices: [sdkReader({ library: libs.wlt })] });
    await waitFor(() => reader(k).status.state === 'ready', 10_000, 'sdk reader ready');
    expect(reader(k).health).toBe('ok');
    expect(k.logLines.some((l) => l.includes('journey.face-check-unavailable'))).toBe(false);
    expect((await json<{ config: { faceCheck: boolean } }>(k.get('/api/system/info'))).config.faceCheck).toBe(true);
    // and a submission without a matched face is refused
    setStandInCard(libs.stateDir, sampleCard('resident'));
    await waitFor(async () => (await json<{ identity: unknown }>(k.get('/api/journey/identity'))).identity, 5000, 'identity held');
    setStandInCard(libs.stateDir, null);
    expect((await json<{ error: string }>(submitWithoutMaterials(k))).error).toBe('face-check-needed');
  });
});
