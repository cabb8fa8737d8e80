// 网证 at the kiosk against a real backend and its embedded central: a credential QR read by the
// code scanner is verified at central and becomes the held identity (no photo: 人证核验 is not
// possible and the submit says so in the log); what the answer lacks is asked on the form; a
// replayed, expired or forged QR, or no central, is refused with a code for the citizen's screen.
import { afterEach, describe, expect, it } from 'vitest';
import { sampleCatalog } from '../../../central/catalog/sample-catalog';
import type { KioskEvent } from '../../../common/events';
import type { NetidClaims } from '../../../common/netid-credential';
import { netidNonce, signTestNetid } from '../../../common/netid-test-issuer';
import { CN_2026 } from '../../../common/test-support/calendars';
import { uuidv7 } from '../../../common/uuidv7';
import { SAMPLE_CARDS } from '../../../devices/id-card/sample-cards';
import { waitFor } from '../../../devices/test-support/wait';
import { closeTempKiosks, tempKiosk, type TempKiosk } from '../test-support/temp-kiosk';

const RENT = sampleCatalog.services.find((s) => s.code === '321300-QT-00401-004')!;
const card = SAMPLE_CARDS.resident;
const SIGNATURE = { mime: 'image/png' as const, data: Buffer.from('signature-png').toString('base64') };

const open: TempKiosk[] = [];
afterEach(() => closeTempKiosks(open));

/** 人证核验 configured on: a 网证 must get through without it, and say so. */
async function kiosk(): Promise<{ k: TempKiosk; events: KioskEvent[] }> {
  const k = await tempKiosk({ config: { terminalId: 'NET0001', journey: { faceCheck: true } }, overrides: { devTools: true } });
  open.push(k);
  k.ctx.store.outbox.putCalendar(2026, CN_2026.version, JSON.stringify(CN_2026), new Date().toISOString());
  const events: KioskEvent[] = [];
  k.ctx.bus.subscribe((e) => events.push(e));
  return { k, events };
}

const claims = (over: Partial<NetidClaims> = {}): NetidClaims => {
  const iat = Math.floor(Date.now() / 1000);
  return { v: 1, nonce: netidNonce(), iat, exp: iat + 120, name: card.name, idNumber: card.idNumber, ...over };
};
const scan = (k: TempKiosk, text: string) => k.ctx.bus.emit({ type: 'code.scanned', text, source: 'serial' });
const refusal = (events: KioskEvent[]) => waitFor(() => events.find((e) => e.type === 'netid.refused'), 10_000, 'netid refused');

describe('网证 identification', () => {
  it('a verified QR becomes the held identity: masked on screen, fields it lacks asked on the form, submitted without 人证核验 (logged)', async () => {
    const { k, events } = await kiosk();
    const credential = await signTestNetid(claims());
    scan(k, credential);
    await waitFor(() => events.find((e) => e.type === 'idcard.read'), 10_000, 'identity held');
    expect(events.some((e) => e.type === 'netid.verifying')).toBe(true);
    // the scanned text and the identity stay in the backend: the screen learns only "a netid"
    const wire = await k.get('/api/journey/identity');
    const id = (await wire.json()) as { identity: { cardType: string; name: string; number: string; problem: unknown; faceCheckPossible: boolean } };
    expect(id.identity).toMatchObject({ cardType: 'netid', name: '王**', problem: null, faceCheckPossible: false });
    expect(JSON.stringify(id)).not.toContain(card.idNumber);

    const form = (await (await k.get(`/api/journey/services/${RENT.code}/form`)).json()) as {
      prefill: Record<string, { value: string; locked: boolean }>;
      notOnCard: string[];
      identitySource: string;
    };
    expect(form.identitySource).toBe('netid');
    expect(form.prefill.applicantName).toMatchObject({ value: card.name, locked: true });
    // no birth date and no address in this answer: the citizen enters them
    expect(form.notOnCard).toEqual(expect.arrayContaining(['birthDate', 'address']));
    expect(form.prefill.birthDate).toBeUndefined();

    const res = await k.get('/api/journey/submit', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        idempotencyKey: uuidv7(),
        serviceCode: RENT.code,
        // both of this service's materials may be owed (容缺): the commitment below covers them
        materials: [],
        signature: SIGNATURE,
        channel: 'kiosk',
        form: {
          applicantName: 'x',
          applicantIdNumber: 'x',
          birthDate: '1990-03-07',
          address: '宿迁市宿城区新地址1号',
          phone: '13912345678',
          fundAccount: '32000123456',
          monthlyRent: 1800,
          bankAccount: '6222020000000000000',
          married: 'no',
        },
        commitment: { signature: SIGNATURE, signedAt: new Date().toISOString() },
      }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    expect(k.logLines.some((l) => l.includes('"journey.face-check-skipped"') && l.includes('netid-has-no-photo'))).toBe(true);
    expect(k.logLines.some((l) => l.includes('"netid.verified"') && !l.includes(card.idNumber))).toBe(true);
    // central gets the verified identity as the applicant, and the birth date the citizen typed
    await k.ctx.queue.syncNow();
    const receiptNo = ((await res.json()) as { receiptNo: string }).receiptNo;
    const row = k.central!.store.db.prepare('SELECT manifest FROM cases WHERE receipt_no = ?').get(receiptNo) as { manifest: string };
    expect(row.manifest).toContain(card.idNumber);
    expect(row.manifest).toContain('1990-03-07');

    // follow-up by 网证 on a later visit (SECURITY.md: central's fresh verification is proof as a card read is)
    k.ctx.citizen.end('finish');
    const wait = k.get('/api/progress/wait?timeoutMs=8000');
    await waitFor(() => k.ctx.citizen.inputs.waiting > 0, 5000, 'listening');
    scan(k, await signTestNetid(claims()));
    expect(await (await wait).json()).toMatchObject({ kind: 'card' });
    const lookup = await k.get('/api/progress/lookup', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ by: 'card' }) });
    expect(lookup.status).toBe(200);
    const found = (await lookup.json()) as { cases: { receiptNo: string }[] };
    expect(found.cases.map((c) => c.receiptNo)).toContain(receiptNo);
  }, 60_000);

  it('refuses a replayed, expired, forged or foreign QR, holds nothing, and never takes it for a receipt', async () => {
    const { k, events } = await kiosk();
    const credential = await signTestNetid(claims());
    scan(k, credential);
    await waitFor(() => events.find((e) => e.type === 'idcard.read'), 10_000, 'identity held');
    k.ctx.citizen.end('finish');
    const cases: [string, string][] = [
      [credential, 'netid-replayed'],
      [await signTestNetid(claims({ iat: Math.floor(Date.now() / 1000) - 300, exp: Math.floor(Date.now() / 1000) - 180 })), 'netid-expired'],
      [(await signTestNetid(claims())).replace(/\.[^.]+$/, `.${'A'.repeat(86)}`), 'netid-bad-signature'],
      [await signTestNetid(claims(), 'another-issuer'), 'netid-unknown-issuer'],
      ['NETID1.garbage', 'netid-malformed'],
    ];
    for (const [text, reason] of cases) {
      events.length = 0;
      scan(k, text);
      expect(await refusal(events)).toEqual({ type: 'netid.refused', reason });
      expect(events.some((e) => e.type === 'idcard.read')).toBe(false);
      // the follow-up screens are not told "unknown code" for a 网证
      expect(events.some((e) => e.type === 'followup.input')).toBe(false);
    }
    expect(((await (await k.get('/api/journey/identity')).json()) as { identity: unknown }).identity).toBeNull();
  }, 60_000);

  it('with central unreachable, refuses with netid-offline (the citizen is told to use the ID card)', async () => {
    const { k, events } = await kiosk();
    await fetch(`${k.central!.url}/v1/admin/faults`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${k.central!.adminToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ downForSec: 30 }),
    }).catch(() => null);
    scan(k, await signTestNetid(claims()));
    expect(await refusal(events)).toEqual({ type: 'netid.refused', reason: 'netid-offline' });
    expect(((await (await k.get('/api/journey/identity')).json()) as { identity: unknown }).identity).toBeNull();
  }, 60_000);
});
