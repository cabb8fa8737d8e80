// Technician maintenance mode through the real backend (store, simulators, embedded central):
// who may reach it, lockout, diagnostics, queue, config edit, log export, hygiene, audit, and
// that no citizen data is visible in any maintenance answer.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sampleCatalog } from '../../../central/catalog/sample-catalog';
import { deviceStatusLine } from '../../../common/device-words';
import type { SubmissionWire } from '../../../common/submission';
import { uuidv7 } from '../../../common/uuidv7';
import { waitFor } from '../../../devices/test-support/wait';
import { testIdNumber } from '../../../offline-queue/test-support/sample-submission';
import { tempKiosk, type TempKiosk } from '../test-support/temp-kiosk';
import { signInTechnician, technicianSettings, TEST_PIN } from '../test-support/technician';

const open: TempKiosk[] = [];
// devTools mounts the raw queue API (/api/submissions) these tests seed and inspect cases through.
async function kiosk(opts: Parameters<typeof tempKiosk>[0] = {}) {
  const k = await tempKiosk({ ...opts, overrides: { devTools: true, ...opts.overrides } });
  open.push(k);
  return k;
}
afterEach(async () => {
  while (open.length) {
    const k = open.pop()!;
    await k.close();
    fs.rmSync(k.dataDir, { recursive: true, force: true });
  }
});

const json = (body: unknown, method = 'POST'): RequestInit => ({ method, body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
const signIn = (k: TempKiosk, pin: string) => k.get('/api/maintenance/session', json({ pin }));

const GUARDED: [string, string, unknown?][] = [
  ['GET', '/api/maintenance/devices'],
  ['POST', '/api/maintenance/devices/receipt-printer/self-test'],
  ['POST', '/api/maintenance/devices/scanner/reconnect'],
  ['GET', '/api/maintenance/queue'],
  ['POST', '/api/maintenance/queue/dead-letters/1/retry'],
  ['POST', '/api/maintenance/queue/sync'],
  ['POST', '/api/maintenance/heartbeat'],
  ['GET', '/api/maintenance/terminal'],
  ['GET', '/api/maintenance/config'],
  ['PUT', '/api/maintenance/config', { changes: { hallName: '某某中心' } }],
  ['POST', '/api/maintenance/logs/export', { target: '/tmp' }],
  ['GET', '/api/maintenance/hygiene'],
  ['POST', '/api/maintenance/hygiene', { kind: 'disinfection', note: '' }],
  ['GET', '/api/maintenance/audit'],
  ['GET', '/api/maintenance/usage'],
  ['GET', '/api/queue/status'],
  ['GET', '/api/queue/dead-letters'],
  ['POST', '/api/queue/dead-letters/1/retry'],
  ['POST', '/api/queue/sync'],
  ['POST', '/api/maintenance/devices/receipt-printer/self-test'],
  ['POST', '/api/maintenance/devices/a4-printer/self-test'],
];

const service = sampleCatalog.services.find((s) => s.kioskFull)!;
function wire(over: Partial<SubmissionWire> = {}): SubmissionWire {
  return {
    idempotencyKey: uuidv7(),
    serviceCode: service.code,
    applicant: { name: '欧阳明月', idNumber: testIdNumber(7), phone: '13912345678' },
    form: { reason: '自助机申请' },
    materials: [{ materialId: service.materials[0]!.id, provision: 'scanned', pages: [{ mime: 'image/jpeg', data: crypto.randomBytes(2000).toString('base64') }] }],
    channel: 'kiosk',
    delivery: 'post',
    ...over,
  };
}

describe('maintenance mode: who may enter', () => {
  it('answers 403 to every maintenance route without a technician session, and logs the attempt', async () => {
    const k = await kiosk();
    for (const [method, p, body] of GUARDED) {
      const res = await k.get(p, body === undefined ? { method } : json(body, method));
      expect(res.status, `${method} ${p}`).toBe(403);
      expect(await res.json()).toEqual({ error: 'technician-only', area: 'technician' });
    }
    // A forged or expired cookie is no better than none.
    expect((await k.get('/api/maintenance/devices', { headers: { Cookie: 'kiosk_tech=forged' } })).status).toBe(403);
    expect(k.logLines.filter((l) => l.includes('"maintenance.denied"')).length).toBeGreaterThanOrEqual(GUARDED.length);
    // The citizen side still works.
    expect((await k.get('/api/system/info')).status).toBe(200);
  });

  it('locks entry after repeated wrong PINs, keeps the lockout across a restart, and audits it', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-maint-'));
    const overrides = { devTools: true, maintenance: technicianSettings({ maxFailures: 3, lockoutSec: 600 }) };
    const k = await tempKiosk({ dataDir, overrides });
    const first = await signIn(k, '00000000');
    expect(first.status).toBe(401);
    expect(await first.json()).toMatchObject({ error: 'wrong-pin', attemptsLeft: 2 });
    expect((await signIn(k, '11111111')).status).toBe(401);
    const locked = await signIn(k, '22222222');
    expect(locked.status).toBe(423);
    expect((await locked.json()).lockedUntil).toBeTruthy();
    // Even the right PIN is refused while locked.
    expect((await signIn(k, TEST_PIN)).status).toBe(423);
    await k.close();

    const again = await kiosk({ dataDir, overrides });
    expect((await signIn(again, TEST_PIN)).status).toBe(423);
    expect(again.logLines.some((l) => l.includes('"maintenance.pin-rejected"'))).toBe(false); // refused without checking
    const audit = again.ctx.store.maintenance.recentAudit();
    expect(audit.filter((a) => a.action === 'sign-in' && a.outcome === 'refused')).toHaveLength(3);
    expect(audit.some((a) => a.action === 'lockout')).toBe(true);
    expect(audit.filter((a) => a.action === 'sign-in-while-locked')).toHaveLength(2);
  });

  it('refuses entry when no PIN is configured', async () => {
    const k = await kiosk({ overrides: { maintenance: { ...technicianSettings(), pinHash: null } } });
    const res = await signIn(k, TEST_PIN);
    expect(res.status).toBe(503);
    expect((await res.json()).error).toBe('not-configured');
  });

  it('ends an idle technician session; the screen’s background refreshes do not keep it alive', async () => {
    const k = await kiosk();
    const t0 = Date.now();
    const clock = vi.spyOn(Date, 'now');
    try {
      const active = await signInTechnician(k.get);
      const unattended = await signInTechnician(k.get);
      const as = (cookie: string, background = false) => k.get('/api/maintenance/devices', { headers: { Cookie: cookie, ...(background ? { 'x-maintenance-background': '1' } : {}) } });
      clock.mockReturnValue(t0 + 200_000);
      expect((await as(active)).status).toBe(200);
      expect((await as(unattended, true)).status).toBe(200);
      clock.mockReturnValue(t0 + 301_000); // sessionIdleSec = 300
      expect((await as(unattended, true)).status).toBe(403);
      expect((await as(active)).status).toBe(200);
      expect(k.ctx.store.maintenance.recentAudit().filter((a) => a.action === 'sign-out' && a.detail.includes('idle'))).toHaveLength(1);
    } finally {
      clock.mockRestore();
    }
  });

  it('signs out: the same cookie is refused afterwards', async () => {
    const k = await kiosk();
    const cookie = await signInTechnician(k.get);
    expect((await k.get('/api/maintenance/devices', { headers: { Cookie: cookie } })).status).toBe(200);
    expect((await k.get('/api/maintenance/session', { method: 'DELETE', headers: { Cookie: cookie } })).status).toBe(200);
    expect((await k.get('/api/maintenance/devices', { headers: { Cookie: cookie } })).status).toBe(403);
  });
});

describe('maintenance mode: what a technician can do', () => {
  it('runs a receipt self-test, sees paper-out with its last error, and every action is audited', async () => {
    const k = await kiosk();
    await k.ctx.devices.settled();
    await waitFor(async () => (await (await k.asTechnician('/api/maintenance/devices')).json()).devices.find((d: { device: string }) => d.device === 'receipt-printer').health === 'ok', 10_000);
    const ok = await (await k.asTechnician('/api/maintenance/devices/receipt-printer/self-test', { method: 'POST' })).json();
    expect(ok).toMatchObject({ device: 'receipt-printer', ok: true, code: 'receipt-printed' });
    expect((await k.ctx.devices.sim!.state()).receipt.printed.at(-1)?.lines.join('\n')).toContain('打印测试');

    expect((await k.ctx.devices.sim!.act({ device: 'receipt-printer', action: 'paper-out' })).ok).toBe(true);
    await waitFor(
      async () => (await (await k.asTechnician('/api/maintenance/devices')).json()).devices.find((d: { device: string }) => d.device === 'receipt-printer').status.state === 'paper-out',
      10_000,
    );
    const failed = await (await k.asTechnician('/api/maintenance/devices/receipt-printer/self-test', { method: 'POST' })).json();
    expect(failed).toMatchObject({ ok: false, code: 'receipt-failed', why: 'paper-out' });
    const { devices } = await (await k.asTechnician('/api/maintenance/devices')).json();
    const printer = devices.find((d: { device: string }) => d.device === 'receipt-printer');
    expect(printer.health).toBe('offline');
    expect(printer.consumables.paper).toBe('out');
    expect(deviceStatusLine('receipt-printer', printer.lastError.status)).toMatch(/纸/);

    const reconnect = await (await k.asTechnician('/api/maintenance/devices/scanner/reconnect', { method: 'POST' })).json();
    expect(reconnect).toMatchObject({ ok: true, code: 'reconnect-requested' });
    const actions = k.ctx.store.maintenance.recentAudit().map((a) => `${a.action}:${a.outcome}`);
    expect(actions).toEqual(expect.arrayContaining(['sign-in:ok', 'self-test:receipt-printer:ok', 'self-test:receipt-printer:failed', 'reconnect:scanner:ok']));
    expect(k.logLines.filter((l) => l.includes('"maintenance.action"')).length).toBe(3);
  });

  it('edits non-secret config fields in the file and refuses invalid ones field by field', async () => {
    const k = await kiosk({ config: { terminalId: 'CFG0001' } });
    const file = path.join(k.dataDir, 'config.json');
    const res = await k.asTechnician(
      '/api/maintenance/config',
      json({ changes: { hallName: '宿迁市宿豫区政务服务中心', 'idle.warnAfterSec': 3, heartbeatSec: 30, 'maintenance.pinHash': 'x', centralUrl: 'http://evil' } }, 'PUT'),
    );
    expect(res.status).toBe(422);
    const { outcomes, written } = await res.json();
    const by = Object.fromEntries(outcomes.map((o: { field: string; ok: boolean; message: string }) => [o.field, o]));
    expect(by.hallName.ok).toBe(true);
    expect(by.heartbeatSec.ok).toBe(true);
    expect(by['idle.warnAfterSec']).toMatchObject({ ok: false });
    expect(by['maintenance.pinHash'].ok).toBe(false);
    expect(by.centralUrl.ok).toBe(false);
    expect(written).toBe(true);
    const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(saved).toEqual({ terminalId: 'CFG0001', hallName: '宿迁市宿豫区政务服务中心', heartbeatSec: 30 });
    const view = await (await k.asTechnician('/api/maintenance/config')).json();
    expect(view.values.maintenance.pinHash).not.toContain('scrypt');
    expect(k.ctx.store.maintenance.recentAudit().filter((a) => a.action === 'config-edit')).toHaveLength(5);
  });

  it('exports redacted logs only under the export roots', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'usb-'));
    const k = await kiosk({ overrides: { maintenance: technicianSettings({ exportRoots: [root] }) } });
    // An older build wrote a line with an ID number and a name in clear.
    const logDir = path.join(k.dataDir, 'logs');
    fs.mkdirSync(logDir, { recursive: true });
    const id = testIdNumber(3);
    fs.writeFileSync(path.join(logDir, 'kiosk-2026-01-01.jsonl'), JSON.stringify({ event: 'old', name: '欧阳明月', note: `证件 ${id}` }) + '\n');
    expect((await (await k.asTechnician('/api/maintenance/logs/export', json({ target: os.tmpdir() }))).json()).ok).toBe(false);
    expect((await (await k.asTechnician('/api/maintenance/logs/export', json({ target: path.join(root, 'missing') }))).json()).ok).toBe(false);
    const r = await (await k.asTechnician('/api/maintenance/logs/export', json({ target: root }))).json();
    expect(r).toMatchObject({ ok: true, files: 1, lines: 1 });
    const text = fs.readFileSync(path.join(r.dir, 'kiosk-2026-01-01.jsonl'), 'utf8');
    expect(text).not.toContain(id);
    expect(text).not.toContain('欧阳明月');
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('records hygiene rounds and shows terminal facts', async () => {
    const k = await kiosk();
    expect((await k.asTechnician('/api/maintenance/hygiene', json({ kind: 'disinfection', note: '午间消毒' }))).status).toBe(201);
    expect((await k.asTechnician('/api/maintenance/hygiene', json({ kind: 'mopping', note: '' }))).status).toBe(400);
    const { entries } = await (await k.asTechnician('/api/maintenance/hygiene')).json();
    expect(entries).toEqual([expect.objectContaining({ kind: 'disinfection', note: '午间消毒' })]);
    const t = await (await k.asTechnician('/api/maintenance/terminal')).json();
    expect(t.terminalId).toBe('DEV0001');
    // 帮办代办: only how many offline tickets this terminal holds (none before any helper signed in here)
    expect(t.helperTickets).toEqual({ held: 0 });
    expect(t).not.toHaveProperty('helperRegistry');
    expect(t.versions.app).toBe('0.0.0-test');
    expect(t.network.central.reachable).toBe(true);
    expect(t.disk.totalBytes).toBeGreaterThan(0);
  });

  it('shows no citizen personal data in any maintenance answer after a submission, a dead letter and a rating', async () => {
    const k = await kiosk();
    const applicant = wire().applicant;
    // Central withdraws the service: the second submission becomes a dead letter.
    const first = await (await k.get('/api/submissions', json(wire()))).json();
    await k.asTechnician('/api/maintenance/queue/sync', { method: 'POST' });
    await k.get(`/api/submissions/${first.receiptNo}/evaluation`, json({ rating: 5, comment: '欧阳明月很满意' }));
    k.central!.store.publishCatalog({ ...sampleCatalog, version: 'withdrawn', services: sampleCatalog.services.filter((s) => s.code !== service.code) });
    const secondRes = await k.get('/api/submissions', json(wire({ delivery: 'counter' })));
    const second = await secondRes.json();
    expect(secondRes.status, JSON.stringify(second)).toBe(201);
    const synced = await (await k.asTechnician('/api/maintenance/queue/sync', { method: 'POST' })).json();
    expect(synced, JSON.stringify(synced)).toMatchObject({ dead: 1 });
    const bodies: string[] = [];
    for (const p of ['devices', 'queue', 'terminal', 'config', 'hygiene', 'audit', 'usage']) bodies.push(await (await k.asTechnician(`/api/maintenance/${p}`)).text());
    bodies.push(await (await k.asTechnician('/api/maintenance/heartbeat', { method: 'POST' })).text());
    const all = bodies.join('\n');
    expect(all).toContain(second.receiptNo); // the dead letter is listed…
    for (const secret of [applicant.name, applicant.idNumber, applicant.phone!, '欧阳', applicant.idNumber.slice(-6)]) expect(all).not.toContain(secret);
    const usage = JSON.parse(bodies[6]!);
    // Two self-service cases, one of them collected at a counter: one is 不见面.
    expect(usage.submissions).toEqual([expect.objectContaining({ serviceCode: service.code, channel: 'kiosk', count: 2, noVisit: 1 })]);
    expect(usage.ratings).toEqual([expect.objectContaining({ rating: 5, count: 1 })]);
  });

  it('sends a signed heartbeat that central stores: devices, paper, queue depth, version, usage', async () => {
    const k = await kiosk();
    await k.ctx.devices.settled();
    await k.ctx.devices.sim!.act({ device: 'receipt-printer', action: 'paper-out' });
    await waitFor(() => k.ctx.devices.list().find((d) => d.device === 'receipt-printer')!.status.state === 'paper-out', 10_000);
    await k.get('/api/usage/step', json({ session: 'anon-session-1', journey: 'apply', step: 'identity' }));
    expect((await k.get('/api/usage/step', json({ session: 'x', journey: 'Apply!', step: '' }))).status).toBe(400);
    const r = await (await k.asTechnician('/api/maintenance/heartbeat', { method: 'POST' })).json();
    expect(r.outcome).toMatchObject({ ok: true });
    const row = k.central!.store.fleet().find((t) => t.terminalId === 'DEV0001')!;
    const hb = JSON.parse(row.body!);
    expect(hb.version).toBe('0.0.0-test');
    expect(hb.devices.find((d: { device: string }) => d.device === 'receipt-printer')).toMatchObject({ health: 'offline', paper: 'out' });
    expect(hb.queue).toMatchObject({ pending: 0, dead: 0 });
    const usage = k.central!.store.usageSince('2000-01-01');
    expect(usage.map((u) => JSON.parse(u.body).steps).flat()).toEqual([expect.objectContaining({ journey: 'apply', step: 'identity', reached: 1 })]);
    // Unchanged statistics are not sent again; central keeps the figures it has.
    const again = await (await k.asTechnician('/api/maintenance/heartbeat', { method: 'POST' })).json();
    expect(again.outcome.ok).toBe(true);
    expect(again.outcome.bytes).toBeLessThan(r.outcome.bytes);
    expect(JSON.parse(k.central!.store.fleet().find((t) => t.terminalId === 'DEV0001')!.body!).usage).toBeNull();
    expect(
      k
        .central!.store.usageSince('2000-01-01')
        .map((u) => JSON.parse(u.body).steps)
        .flat(),
    ).toHaveLength(1);
    await k.get('/api/usage/step', json({ session: 'anon-session-1', journey: 'apply', step: 'form' }));
    const changed = await (await k.asTechnician('/api/maintenance/heartbeat', { method: 'POST' })).json();
    expect(changed.outcome.bytes).toBeGreaterThan(again.outcome.bytes);
    expect(
      k
        .central!.store.usageSince('2000-01-01')
        .map((u) => JSON.parse(u.body).steps)
        .flat(),
    ).toHaveLength(2);
  });
});
