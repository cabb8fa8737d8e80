// 帮办代办 through the real backend and the embedded central: card + PIN sign-in verified by
// central (issue 10, finding 3) — no verifier ever lands in the kiosk's database (a database
// that cached the old registry loses it on migration), wrong PINs lock at central, offline only a
// card with this terminal's unexpired ticket signs in and central takes those cases on the ticket —
// helper-channel submissions only from the signed-in helper with the resident's authorisation
// (kept by central), and each helper's case list holding only their own.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleCatalog } from '../../../central/catalog/sample-catalog';
import { SAMPLE_CARDS } from '../../../devices/id-card/sample-cards';
import { cardReadEvent } from '../../../devices/fakes/fake-events';
import type { SubmissionWire } from '../../../common/submission';
import { uuidv7 } from '../../../common/uuidv7';
import { enrolHelper, HELPER_PIN, signInHelper, TEST_HELPERS } from '../test-support/helper';
import { tempKiosk, type TempKiosk } from '../test-support/temp-kiosk';
import { openDatabase } from '../../../offline-queue/store/database';
import { migrations } from '../../../offline-queue/store/migrations';
import { hashPin } from '../maintenance/pin';

const service = sampleCatalog.services.find((s) => s.kioskFull)!;
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const resident = SAMPLE_CARDS.resident;
const elder = SAMPLE_CARDS['resident-long-term'];

let k: TempKiosk;
const kiosks: TempKiosk[] = [];

const json = (body: unknown, method = 'POST', cookie?: string): RequestInit => ({
  method,
  headers: { 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}) },
  body: JSON.stringify(body),
});

function wire(over: Partial<SubmissionWire> = {}, who: { name: string; idNumber: string } = resident): SubmissionWire {
  return {
    idempotencyKey: uuidv7(),
    serviceCode: service.code,
    applicant: { name: who.name, idNumber: who.idNumber, phone: '13912345678' },
    form: {},
    materials: [{ materialId: service.materials[0]!.id, provision: 'scanned', pages: [{ mime: 'image/jpeg', data: crypto.randomBytes(1500).toString('base64') }] }],
    channel: 'helper',
    helperId: TEST_HELPERS.a.staffId,
    authorisation: { signature: { mime: 'image/png', data: PNG }, signedAt: new Date().toISOString() },
    delivery: 'post',
    ...over,
  };
}

async function presentCard(kiosk: TempKiosk, card: Parameters<typeof cardReadEvent>[0]) {
  const waiting = kiosk.get('/api/helper/card', json({ waitSec: 5 }));
  await new Promise((r) => setTimeout(r, 20));
  kiosk.ctx.bus.emit(cardReadEvent(card));
  const res = await waiting;
  return { status: res.status, body: (await res.json()) as any };
}

const pin = async (kiosk: TempKiosk, p: string) => {
  const res = await kiosk.get('/api/helper/session', json({ pin: p }));
  return { status: res.status, body: (await res.json()) as any, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]! };
};

beforeAll(async () => {
  k = await tempKiosk({ overrides: { devTools: true } });
  kiosks.push(k);
  await enrolHelper(k, TEST_HELPERS.a);
  await enrolHelper(k, TEST_HELPERS.b);
});

afterAll(async () => {
  for (const x of kiosks) await x.close().catch(() => undefined);
  for (const x of kiosks) fs.rmSync(x.dataDir, { recursive: true, force: true });
});

/** Every byte of the kiosk's own database files (not the embedded central's, which keeps the hashes by design). */
function kioskDbBytes(dataDir: string): string {
  return ['kiosk.db', 'kiosk.db-wal']
    .map((f) => path.join(dataDir, f))
    .filter((f) => fs.existsSync(f))
    .map((f) => fs.readFileSync(f).toString('latin1'))
    .join('');
}

describe('no PIN or card verifier on the terminal', () => {
  it('after sign-in and sync the kiosk database holds no scrypt hash, card number or PIN — and a database that cached the old registry loses it', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-verifier-'));
    // A terminal upgraded from the build that cached GET /v1/staff: real hashes in its database.
    const old = openDatabase(
      path.join(dataDir, 'kiosk.db'),
      migrations.filter((m) => m.version <= 7),
    ).db;
    const leaked = {
      version: 'staff-1',
      publishedAt: new Date().toISOString(),
      staff: [
        {
          staffId: 'HB-001',
          name: '周海燕',
          township: '耿车镇',
          idNumberHash: hashPin(SAMPLE_CARDS['township-helper'].idNumber, { N: 1024 }),
          pinHash: hashPin(HELPER_PIN, { N: 1024 }),
          active: true,
        },
      ],
    };
    old.prepare("INSERT INTO staff_registry (id, version, etag, fetched_at, body) VALUES (1, 'staff-1', '\"staff-1\"', ?, ?)").run(new Date().toISOString(), JSON.stringify(leaked));
    old.close();
    expect(kioskDbBytes(dataDir)).toContain(leaked.staff[0]!.pinHash.split('$')[5]);

    const x = await tempKiosk({ dataDir, overrides: { devTools: true } });
    kiosks.push(x);
    const cookie = await signInHelper(x, 'township-helper');
    expect((await x.get('/api/submissions', json(wire(), 'POST', cookie))).status).toBe(201);
    await x.ctx.queue.syncNow();
    const centralHashes = x.central!.store.activeStaff();
    await x.close();
    const bytes = kioskDbBytes(dataDir);
    expect(bytes).not.toContain('scrypt$');
    for (const part of [leaked.staff[0]!.pinHash, leaked.staff[0]!.idNumberHash].flatMap((h) => h.split('$').slice(4))) expect(bytes).not.toContain(part);
    for (const h of centralHashes) for (const part of [h.pinHash, h.idNumberHash].flatMap((v) => v.split('$').slice(4))) expect(bytes).not.toContain(part);
    expect(bytes).not.toContain(SAMPLE_CARDS['township-helper'].idNumber);
    expect(bytes).not.toContain(`"${HELPER_PIN}"`);
    // The helper's name is sealed with the ticket, not in clear.
    expect(Buffer.from(bytes, 'latin1').includes(Buffer.from('周海燕'))).toBe(false);
  });
});

describe('sign-in', () => {
  it('refuses a card that is not a registered helper’s, and a PIN without a matched card', async () => {
    const r = await presentCard(k, 'resident');
    expect(r.status).toBe(404);
    expect(r.body.error).toBe('unknown-card');
    const p = await pin(k, HELPER_PIN);
    expect(p.status).toBe(409);
    expect(p.body.error).toBe('no-card');
  });

  it('card + PIN gives a helper session separate from the citizen’s; sign-out ends it', async () => {
    const r = await presentCard(k, 'township-helper');
    expect(r.body).toMatchObject({ ok: true, helper: { name: '周海燕', staffId: 'HB-001' }, lockedUntil: null, attemptsLeft: 5 });
    // The helper's own card never becomes an applicant of the journey.
    expect(((await (await k.get('/api/journey/identity')).json()) as { identity: unknown }).identity).toBeNull();
    const p = await pin(k, HELPER_PIN);
    expect(p.status).toBe(200);
    expect(p.body.helper).toEqual({ staffId: 'HB-001', name: '周海燕', township: '耿车镇' });
    expect(p.cookie).toMatch(/^kiosk_helper=/);
    expect(await (await k.get('/api/helper/session', { headers: { Cookie: p.cookie } })).json()).toMatchObject({ signedIn: true, helper: { staffId: 'HB-001' } });
    // Without the cookie (the citizen's own requests) there is no helper.
    expect(await (await k.get('/api/helper/session')).json()).toMatchObject({ signedIn: false, helper: null });
    await k.get('/api/helper/session', { method: 'DELETE', headers: { Cookie: p.cookie } });
    expect(await (await k.get('/api/helper/session', { headers: { Cookie: p.cookie } })).json()).toMatchObject({ signedIn: false });
    expect(k.logLines.some((l) => l.includes('"helper.signed-in"') && l.includes('HB-001'))).toBe(true);
    expect(k.logLines.some((l) => l.includes('"helper.signed-out"') && l.includes('"sign-out"'))).toBe(true);
  });

  it('a helper’s card ends the session of whoever used the screen before: their scanned pages do not stay for the helper’s session', async () => {
    const jpeg = Uint8Array.from([
      0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x06, 0xda, 0x04, 0xd8, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xff, 0xfe,
      0, 3, 7, 0xff, 0xd9,
    ]);
    // a resident's card at the helper screen: not a helper's, but now held for the journey
    expect((await presentCard(k, 'resident')).status).toBe(404);
    expect(((await (await k.get('/api/journey/identity')).json()) as { identity: unknown }).identity).not.toBeNull();
    const page = k.ctx.devices.pages.add('scanner', jpeg);
    if (!page.ok) throw new Error(JSON.stringify(page.error));
    const r = await presentCard(k, 'township-helper');
    expect(r.body).toMatchObject({ ok: true, helper: { staffId: 'HB-001' } });
    expect(k.ctx.devices.pages.get(page.value.id)).toBeUndefined();
    expect(((await (await k.get('/api/journey/identity')).json()) as { identity: unknown }).identity).toBeNull();
  });

  it('five wrong PINs lock that helper for 15 minutes — also the right PIN, also after a restart — and not the other helper', async () => {
    const dataDir = fs.mkdtempSync(`${k.dataDir}-lock`);
    let x = await tempKiosk({ dataDir, overrides: { devTools: true } });
    kiosks.push(x);
    await enrolHelper(x, TEST_HELPERS.a);
    await enrolHelper(x, TEST_HELPERS.b);
    await presentCard(x, 'township-helper');
    for (let i = 1; i <= 4; i++) {
      const p = await pin(x, '000000');
      expect(p.status).toBe(401);
      expect(p.body.attemptsLeft).toBe(5 - i);
    }
    const fifth = await pin(x, '000000');
    expect(fifth.status).toBe(423);
    const until = Date.parse(fifth.body.lockedUntil);
    expect(until - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(until - Date.now()).toBeLessThanOrEqual(15 * 60_000);
    expect((await pin(x, HELPER_PIN)).status).toBe(423);
    expect(x.logLines.some((l) => l.includes('"helper.locked-out"'))).toBe(true);

    await x.close();
    x = await tempKiosk({ dataDir, overrides: { devTools: true } });
    kiosks.push(x);
    const again = await presentCard(x, 'township-helper');
    expect(again.body.lockedUntil).toBe(fifth.body.lockedUntil);
    expect((await pin(x, HELPER_PIN)).status).toBe(423);
    // The other helper signs in as usual.
    await presentCard(x, 'township-helper-2');
    expect((await pin(x, HELPER_PIN)).status).toBe(200);
  });

  it('offline: only a helper who signed in here online gets in, with the card alone, until the ticket runs out; central takes the case on the ticket', async () => {
    const x = await tempKiosk({ overrides: { devTools: true } });
    kiosks.push(x);
    const online = await signInHelper(x, 'township-helper');
    await x.get('/api/helper/session', { method: 'DELETE', headers: { Cookie: online } });
    // With central reachable the ticket never stands in for the PIN — not even for a PIN central
    // could call malformed (an empty one).
    await presentCard(x, 'township-helper');
    for (const bad of ['', '1', 'x'.repeat(32)]) expect((await pin(x, bad)).body).toMatchObject({ ok: false, error: 'wrong-pin' });
    expect(await (await x.asTechnician('/api/maintenance/terminal')).json()).toMatchObject({ helperTickets: { held: 1 } });
    x.central!.faults.update({ downForSec: 600 });
    try {
      const card = await presentCard(x, 'township-helper');
      expect(card.body).toMatchObject({ ok: true, offline: true, helper: { staffId: 'HB-001', name: '周海燕' } });
      const s = await pin(x, '');
      expect(s.body).toMatchObject({ ok: true, mode: 'offline' });
      expect((await x.get('/api/submissions', json(wire(), 'POST', s.cookie))).status).toBe(201);
      expect(x.logLines.some((l) => l.includes('"helper.signed-in"') && l.includes('"offline"'))).toBe(true);
      // HB-002 never signed in on this terminal: no ticket, no sign-in, and the screen says why.
      const other = await presentCard(x, 'township-helper-2');
      expect(other.status).toBe(503);
      expect(other.body).toMatchObject({ ok: false, error: 'offline-no-ticket', area: 'helperCard' }); // …离线登录凭证… (i18n/refusals.ts)
    } finally {
      x.central!.faults.update({ downForSec: 0 });
    }
    await x.ctx.queue.syncNow();
    const mine = x.central!.store.casesOfHelper('HB-001');
    expect(mine).toHaveLength(1);
    expect(x.ctx.store.outbox.counts()).toMatchObject({ dead: 0 });
  });
});

describe('applying on a resident’s behalf', () => {
  it('takes helper-channel submissions only from the signed-in helper, with the resident’s authorisation', async () => {
    const none = await k.get('/api/submissions', json(wire()));
    expect(none.status).toBe(403);
    expect((await none.json()).error).toBe('helper-not-signed-in');
    const cookie = await signInHelper(k, 'township-helper');
    const other = await k.get('/api/submissions', json(wire({ helperId: TEST_HELPERS.b.staffId }), 'POST', cookie));
    expect(other.status).toBe(403);
    const unsigned = await k.get('/api/submissions', json(wire({ authorisation: null }), 'POST', cookie));
    expect(unsigned.status).toBe(400);
    expect(JSON.stringify(await unsigned.json())).toContain('委托授权');
    const ok = await k.get('/api/submissions', json(wire(), 'POST', cookie));
    expect(ok.status).toBe(201);
    const { receiptNo } = await ok.json();
    await k.ctx.queue.syncNow();
    // Central keeps the helper and the time the resident signed.
    const c = k.central!;
    const res = await fetch(`${c.url}/v1/admin/staff/HB-001/cases`, { headers: { Authorization: `Bearer ${c.adminToken}` } });
    const { cases } = (await res.json()) as { cases: { receiptNo: string; authorisedAt: string | null }[] };
    expect(cases.find((x) => x.receiptNo === receiptNo)?.authorisedAt).toMatch(/^\d{4}-/);
    const manifest = JSON.parse(c.store.caseByReceipt(k.ctx.config.terminalId, receiptNo)!.manifest);
    expect(manifest).toMatchObject({ channel: 'helper', helperId: 'HB-001', authorisation: { signature: { mime: 'image/png', data: PNG } } });
  });

  it('each helper’s case list holds only their own cases, with status and the 补正 items to bring back', async () => {
    const a = await signInHelper(k, 'township-helper');
    const mine = await (await k.get('/api/submissions', json(wire({}, elder), 'POST', a))).json();
    const b = await signInHelper(k, 'township-helper-2');
    const theirs = await (await k.get('/api/submissions', json(wire({ helperId: 'HB-002' }), 'POST', b))).json();
    const citizen = await (await k.get('/api/submissions', json(wire({ channel: 'kiosk', helperId: null, authorisation: null })))).json();
    await k.ctx.queue.syncNow();
    const caseNo = k.ctx.queue.caseStatus(mine.receiptNo)!.caseNo!;
    const c = k.central!;
    const adv = await fetch(`${c.url}/v1/admin/cases/${caseNo}/status`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${c.adminToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ status: 'correction', items: [{ materialId: null, description: '户口簿首页复印件不清晰，请重新提供' }], deadline: '2026-12-31' }),
    });
    expect(adv.status).toBe(200);
    await k.ctx.queue.syncNow();

    // Helper B signed in last (one helper per screen): A's session was replaced.
    expect((await k.get('/api/helper/cases', { headers: { Cookie: a } })).status).toBe(403);
    const listB = await (await k.get('/api/helper/cases', { headers: { Cookie: b } })).json();
    expect(listB.cases.map((x: { receiptNo: string }) => x.receiptNo)).toEqual([theirs.receiptNo]);

    const a2 = await signInHelper(k, 'township-helper');
    // A renderer cannot ask for another helper's list: who is asking comes from the session only.
    const listA = await (await k.get('/api/helper/cases?helperId=HB-002&staffId=HB-002', { headers: { Cookie: a2 } })).json();
    const receipts = listA.cases.map((x: { receiptNo: string }) => x.receiptNo);
    expect(receipts).toContain(mine.receiptNo);
    expect(receipts).not.toContain(theirs.receiptNo);
    expect(receipts).not.toContain(citizen.receiptNo);
    const row = listA.cases.find((x: { receiptNo: string }) => x.receiptNo === mine.receiptNo);
    expect(row).toMatchObject({ status: 'correction', applicantName: '李**', serviceName: service.name, toBringBack: [{ description: '户口簿首页复印件不清晰，请重新提供', deadline: '2026-12-31' }] });
    expect(JSON.stringify(listA)).not.toContain(elder.idNumber);
    expect((await k.get('/api/helper/cases')).status).toBe(403);
  });
});
