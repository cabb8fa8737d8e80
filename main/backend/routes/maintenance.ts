// Technician maintenance mode: sign-in by PIN (separate session, idle expiry, lockout), then
// device diagnostics and self-tests, queue and sync, terminal facts, config edit, log export,
// hygiene log, audit trail and usage statistics. Every action is audited; no answer carries
// citizen data (receipt numbers and service codes are not personal).
import path from 'node:path';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { DEVICE_KINDS, type DeviceKind } from '../../../common/devices';
import { scrubText } from '../../../common/mask';
import type { BackendContext } from '../context';
import type { AuditDetail } from '../maintenance/audit';
import { configView, editConfig } from '../maintenance/config-edit';
import { requireTechnician, TECH_COOKIE } from '../maintenance/guard';
import { exportLogs } from '../maintenance/log-export';
import { chooseA4Printer, chooseReceiptPrinter, discoverPrinters, type Chosen, type ChooseOutcome } from '../maintenance/printer-setup';
import { runSelfTest } from '../maintenance/self-test';
import { terminalInfo } from '../maintenance/terminal-info';
import { validate } from '../validate';
import { SMALL_JSON_MAX } from '../body-limit';
import { jsonBody } from '../json-body';
import { refuse } from '../http/refusals';
import { lazySchema } from '../../../common/lazy-schema';

const kindParam = lazySchema(() => z.object({ kind: z.enum(DEVICE_KINDS as [DeviceKind, ...DeviceKind[]]) }));

function sessionRoutes(ctx: BackendContext) {
  const auth = ctx.maintenance.auth;
  return new Hono()
    .get('/', (c) => c.json({ signedIn: auth.check(getCookie(c, TECH_COOKIE)) !== null, ...auth.lockout() }))
    .post(
      '/',
      jsonBody(
        lazySchema(() => z.object({ pin: z.string().max(64) })),
        { maxBytes: SMALL_JSON_MAX },
      ),
      (c) => {
        const r = auth.signIn(c.req.valid('json').pin);
        if (r.ok) {
          setCookie(c, TECH_COOKIE, r.value.token, { httpOnly: true, sameSite: 'Strict', path: '/api' });
          return c.json({ ok: true as const, idleSec: r.value.idleSec });
        }
        return refuse(c, 'techSignIn', r.error, { ok: false as const });
      },
    )
    .delete('/', (c) => {
      auth.signOut(getCookie(c, TECH_COOKIE));
      deleteCookie(c, TECH_COOKIE, { path: '/api' });
      return c.json({ ok: true as const });
    });
}

/** A printer choice in the audit trail: saved and printed, saved but the test print failed, or refused. */
function auditPrinterChoice(audit: BackendContext['maintenance']['audit'], technician: string, printer: 'receipt' | 'a4', r: Chosen<ChooseOutcome>): void {
  const outcome = r.ok ? (r.value.ok ? 'ok' : 'failed') : 'refused';
  // the receipt printer is named by its port, the A4 printer by its CUPS queue
  const chosen: AuditDetail = !r.ok ? { reason: r.error.kind } : 'path' in r.value ? { code: r.value.code, path: r.value.path } : { code: r.value.code, queue: r.value.queue };
  audit.record(technician, `printer-choose:${printer}`, outcome, chosen);
}

function guardedRoutes(ctx: BackendContext) {
  const m = ctx.maintenance;
  const d = ctx.devices;
  return new Hono()
    .use(requireTechnician(ctx))
    .get('/devices', (c) =>
      c.json({
        devices: d.list().map((v) => ({ ...v, lastError: m.deviceErrors.get(v.device) })),
        heldReceipts: d.receipt.heldJobs().map((j) => ({ id: j.id, reason: j.reason, heldAt: j.heldAt, attempts: j.attempts })),
        simulated: d.sim !== null,
      }),
    )
    .post('/devices/:kind/self-test', validate('param', kindParam), async (c) => {
      const { kind } = c.req.valid('param');
      const r = await runSelfTest(ctx, kind);
      m.audit.record(c.get('technician'), `self-test:${kind}`, r.ok ? 'ok' : 'failed', { code: r.code, ...r.detail });
      return c.json({ device: kind, ...r });
    })
    .post('/devices/:kind/reconnect', validate('param', kindParam), (c) => {
      const { kind } = c.req.valid('param');
      const supported = typeof d.reconnect === 'function';
      if (supported) d.reconnect!(kind);
      m.audit.record(c.get('technician'), `reconnect:${kind}`, supported ? 'ok' : 'failed', {});
      return c.json({
        device: kind,
        ok: supported,
        code: supported ? ('reconnect-requested' as const) : ('reconnect-not-supported' as const),
        view: d.list().find((v) => v.device === kind) ?? null,
      });
    })
    .get('/queue', (c) =>
      c.json({
        status: ctx.queue.status(),
        deadLetters: ctx.queue.deadLetters().map((x) => ({ ...x, reason: scrubText(x.reason) })),
        heartbeat: { last: m.heartbeat?.last ?? null, lastOk: m.heartbeat?.lastOk ?? null, intervalSec: ctx.config.heartbeatSec },
      }),
    )
    .post(
      '/queue/dead-letters/:id/retry',
      validate(
        'param',
        lazySchema(() => z.object({ id: z.coerce.number().int().positive() })),
      ),
      (c) => {
        const { id } = c.req.valid('param');
        const ok = ctx.queue.retryDeadLetter(id);
        m.audit.record(c.get('technician'), 'retry-dead-letter', ok ? 'ok' : 'failed', { id });
        if (!ok) return refuse(c, 'maintenance', { kind: 'no-dead-letter' as const });
        return c.json({ ok: true as const, status: ctx.queue.status() });
      },
    )
    .post('/queue/sync', async (c) => {
      const status = await ctx.queue.syncNow();
      m.audit.record(c.get('technician'), 'force-sync', status.lastError ? 'failed' : 'ok', { pending: status.pending, sent: status.sent, dead: status.dead });
      return c.json(status);
    })
    .post('/heartbeat', async (c) => {
      const r = m.heartbeat ? await m.heartbeat.beat() : null;
      m.audit.record(c.get('technician'), 'heartbeat', r?.ok ? 'ok' : 'failed', { bytes: r?.bytes ?? 0 });
      return c.json({ outcome: r });
    })
    .get('/terminal', async (c) => c.json(await terminalInfo(ctx, m.dataDir)))
    .get('/config', (c) => c.json({ ...configView(ctx.config), file: m.configFile }))
    .put('/config', jsonBody(lazySchema(() => z.object({ changes: z.record(z.string().max(64), z.unknown()) }))), (c) => {
      const { changes } = c.req.valid('json');
      if (!m.configFile) {
        m.audit.record(c.get('technician'), 'config-edit', 'refused', { reason: 'no-config-file' });
        return refuse(c, 'maintenance', { kind: 'no-config-file' as const });
      }
      const r = editConfig(m.configFile, changes);
      for (const o of r.outcomes) m.audit.record(c.get('technician'), 'config-edit', o.ok ? 'ok' : 'refused', { field: o.field, code: o.code, ...('issue' in o ? { issue: o.issue } : {}) });
      // A refusal when any field was refused (the others are saved), so the client's type tells them apart.
      if (r.outcomes.every((o) => o.ok)) return c.json(r, 200);
      return refuse(c, 'maintenance', { kind: 'config-refused' as const, ...r });
    })
    .post(
      '/logs/export',
      jsonBody(
        lazySchema(() => z.object({ target: z.string().min(1).max(500) })),
        { maxBytes: SMALL_JSON_MAX },
      ),
      (c) => {
        const r = exportLogs(path.join(m.dataDir, 'logs'), c.req.valid('json').target, ctx.config.maintenance.exportRoots, ctx.config.terminalId);
        m.audit.record(
          c.get('technician'),
          'log-export',
          r.ok ? 'ok' : 'failed',
          r.ok ? { files: r.value.files, lines: r.value.lines } : { reason: r.error.reason, ...('detail' in r.error ? { detail: r.error.detail } : {}) },
        );
        if (!r.ok) return refuse(c, 'maintenance', { kind: 'export-refused' as const, ...r.error }, { ok: false as const });
        return c.json({ ok: true as const, ...r.value });
      },
    )
    .get('/printers', async (c) => c.json(await discoverPrinters(ctx)))
    .post(
      '/printers/receipt',
      jsonBody(
        lazySchema(() => z.object({ path: z.string().min(1).max(300) })),
        { maxBytes: SMALL_JSON_MAX },
      ),
      async (c) => {
        const r = await chooseReceiptPrinter(ctx, m.configFile, c.req.valid('json').path);
        auditPrinterChoice(m.audit, c.get('technician'), 'receipt', r);
        if (!r.ok) return refuse(c, 'maintenance', r.error);
        return c.json(r.value);
      },
    )
    .post(
      '/printers/a4',
      jsonBody(
        lazySchema(() => z.union([z.object({ uri: z.string().min(1).max(500), name: z.string().max(200).optional() }), z.object({ address: z.string().min(1).max(300) })])),
        { maxBytes: SMALL_JSON_MAX },
      ),
      async (c) => {
        const r = await chooseA4Printer(ctx, m.configFile, c.req.valid('json'));
        auditPrinterChoice(m.audit, c.get('technician'), 'a4', r);
        if (!r.ok) return refuse(c, 'maintenance', r.error);
        return c.json(r.value);
      },
    )
    .get('/hygiene', (c) => c.json({ entries: ctx.store.maintenance.recentHygiene() }))
    .post(
      '/hygiene',
      jsonBody(
        lazySchema(() => z.object({ kind: z.enum(['disinfection', 'screen-clean', 'surface-clean']), note: z.string().trim().max(200).default('') })),
        { maxBytes: SMALL_JSON_MAX },
      ),
      (c) => {
        const { kind, note } = c.req.valid('json');
        const entry = ctx.store.maintenance.addHygiene({ at: new Date().toISOString(), kind, note: scrubText(note), sessionTag: c.get('technician') });
        m.audit.record(c.get('technician'), 'hygiene', 'ok', { kind });
        return c.json({ entry }, 201);
      },
    )
    .get('/audit', (c) => c.json({ entries: ctx.store.maintenance.recentAudit(100) }))
    .get('/usage', (c) => c.json(m.usage.report(14)));
}

export function maintenanceRoutes(ctx: BackendContext) {
  return new Hono().route('/session', sessionRoutes(ctx)).route('/', guardedRoutes(ctx));
}
