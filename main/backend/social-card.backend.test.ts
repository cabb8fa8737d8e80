// The 社保卡 through the whole backend: the real PC/SC driver (libpcsclite through koffi) on a
// private pcscd with the vpcd reader and the virtual card. A card inserted reaches the prefilled
// form of a 社保 service; a service outside 社保 / 医保 refuses it with a code; 人证核验 is skipped
// (no photo on the card) with the reason logged; follow-up by card and helper sign-in refuse it;
// the wrong card is said as a code; a terminal without the reader is not degraded.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleCatalog } from '../../central/catalog/sample-catalog';
import type { DeviceStatusView } from '../../common/devices';
import type { KioskEvent } from '../../common/events';
import { uuidv7 } from '../../common/uuidv7';
import { SAMPLE_SOCIAL_CARDS } from '../../devices/social-card/sample-social-cards';
import { waitFor } from '../../devices/test-support/wait';
import { runSelfTest } from './maintenance/self-test';
import { tempKiosk, type TempKiosk } from './test-support/temp-kiosk';

const RENT = sampleCatalog.services.find((s) => s.code === '321300-QT-00401-004')!;
const UNEMPLOYMENT = sampleCatalog.services.find((s) => s.code === '321300-JF-00203-001')!;
const card = SAMPLE_SOCIAL_CARDS.resident;
const open: TempKiosk[] = [];

afterEach(async () => {
  while (open.length) {
    const k = open.pop()!;
    await k.close();
    fs.rmSync(k.dataDir, { recursive: true, force: true });
  }
});

async function kiosk(devices: Record<string, unknown>[]): Promise<TempKiosk> {
  const config: Record<string, unknown> = { terminalId: 'SSC0001', journey: { faceCheck: true }, devices };
  const k = await tempKiosk({ config, overrides: { devTools: true } });
  open.push(k);
  return k;
}

const socialReader = (k: TempKiosk) => k.ctx.devices.list().find((d) => d.device === 'social-card-reader') as Extract<DeviceStatusView, { device: 'social-card-reader' }> | undefined;
const json = async <T>(r: Response | Promise<Response>) => (await (await r).json()) as T;
const post = (k: TempKiosk, p: string, body: unknown) => k.get(p, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

describe('社保卡 through PC/SC (pcscd + vpcd + virtual card)', () => {
  it('reaches the prefilled form of a 社保 service without 人证核验, and is refused elsewhere with a code', async () => {
    expect(UNEMPLOYMENT.socialCardAccepted).toBe(true);
    expect(RENT.socialCardAccepted).toBeFalsy();
    const k = await kiosk([{ kind: 'social-card-reader', mode: 'simulator', pollMs: 200 }]);
    const events: KioskEvent[] = [];
    k.ctx.bus.subscribe((e) => (e.type === 'idcard.read' || e.type === 'idcard.error') && events.push(e));
    await waitFor(() => socialReader(k)?.status.state === 'ready', 15_000, 'social card reader ready');
    expect(socialReader(k)!.health).toBe('ok');

    // the wrong card: a code the identify step words
    expect((await k.ctx.devices.sim!.act({ device: 'social-card-reader', action: 'insert-wrong-card' })).ok).toBe(true);
    await waitFor(() => events.some((e) => e.type === 'idcard.error'), 5000, 'wrong card refused');
    expect(events.find((e) => e.type === 'idcard.error')).toMatchObject({ problem: 'not-social-card' });

    expect((await k.ctx.devices.sim!.act({ device: 'social-card-reader', action: 'insert', card: 'resident' })).ok).toBe(true);
    const identity = await waitFor(
      async () => (await json<{ identity: { cardType: string; problem: string | null } | null }>(k.get(`/api/journey/identity?service=${UNEMPLOYMENT.code}`))).identity,
      8000,
      'identity held',
    );
    expect(identity).toMatchObject({ cardType: 'social-security', problem: null });
    const read = events.find((e) => e.type === 'idcard.read') as Extract<KioskEvent, { type: 'idcard.read' }>;
    expect(read).toMatchObject({ source: 'social-card', identity: card, photo: null });
    // the log carries the masked number only
    expect(k.logLines.join('\n')).not.toContain(card.idNumber);

    const form = await json<{ prefill: Record<string, { value: string; locked: boolean }> }>(k.get(`/api/journey/services/${UNEMPLOYMENT.code}/form`));
    expect(form.prefill.applicantName).toMatchObject({ value: card.name, locked: true });
    expect(form.prefill.applicantIdNumber!.value).toBe(`${card.idNumber.slice(0, 4)}**********${card.idNumber.slice(-4)}`);

    // a service outside 社保 / 医保: said at the identify step and refused by the form and submit
    expect((await json<{ identity: { problem: string } }>(k.get(`/api/journey/identity?service=${RENT.code}`))).identity.problem).toBe('social-card-not-accepted');
    const rentForm = await k.get(`/api/journey/services/${RENT.code}/form`);
    expect(rentForm.status).toBe(409);
    expect(await rentForm.json()).toMatchObject({ error: 'card-not-accepted', problem: 'social-card-not-accepted' });
    const submit = (serviceCode: string) =>
      post(k, '/api/journey/submit', { idempotencyKey: uuidv7(), serviceCode, form: {}, materials: [], signature: { mime: 'image/png', data: Buffer.from('signature-png').toString('base64') } });
    expect(await json(submit(RENT.code))).toMatchObject({ error: 'card-not-accepted', problem: 'social-card-not-accepted' });

    // no photo: the face step is skipped for this card (not refused as face-check-needed), with the reason logged
    expect((await json<{ error?: string }>(submit(UNEMPLOYMENT.code))).error).not.toBe('face-check-needed');
    expect(k.logLines.some((l) => l.includes('journey.face-check-skipped') && l.includes('social-card-has-no-photo'))).toBe(true);

    // follow-up by card wants the ID card
    const lookup = await post(k, '/api/progress/lookup', { by: 'card' });
    expect(lookup.status).toBe(409);
    expect(await lookup.json()).toMatchObject({ error: 'social-card-not-accepted' });

    // the reader unplugged: offline with a reason; back when plugged in again
    await k.ctx.devices.sim!.act({ device: 'social-card-reader', action: 'unplug' });
    await waitFor(() => socialReader(k)?.health === 'offline', 8000, 'reader offline');
    await k.ctx.devices.sim!.act({ device: 'social-card-reader', action: 'replug' });
    await waitFor(() => socialReader(k)?.status.state === 'ready', 8000, 'reader back');
  });

  it("the technician's read test takes a 社保卡 on its own reader and says which card is not one", async () => {
    const k = await kiosk([{ kind: 'social-card-reader', mode: 'simulator', pollMs: 200 }]);
    await waitFor(() => socialReader(k)?.status.state === 'ready', 15_000, 'social card reader ready');
    const wrong = runSelfTest(k.ctx, 'social-card-reader', 8000);
    await k.ctx.devices.sim!.act({ device: 'social-card-reader', action: 'insert-wrong-card' });
    expect(await wrong).toMatchObject({ ok: false, code: 'card-error', problem: 'not-social-card' });
    const test = runSelfTest(k.ctx, 'social-card-reader', 8000);
    await k.ctx.devices.sim!.act({ device: 'social-card-reader', action: 'insert', card: 'resident-long-term' });
    expect(await test).toMatchObject({ ok: true, code: 'card-read' });
  });

  it('a terminal without a 社保卡 reader does not list it and is not degraded by it', async () => {
    const k = await kiosk([{ kind: 'code-scanner', mode: 'simulator' }]);
    const listed = await json<{ devices: DeviceStatusView[] }>(k.get('/api/devices'));
    expect(listed.devices.map((d) => d.device)).not.toContain('social-card-reader');
  });
});
