// Crash safety: the kiosk host is SIGKILLed at random instants while it enqueues and while it
// syncs. Afterwards every receipt a citizen was shown reaches central exactly once, and central
// holds nothing the kiosk had not committed.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCentral } from '../central/embedded';
import { buildHost, runHost } from './test-support/host-process';
import { SERVICE_CODE, TERMINAL, tempDir, testCentral } from './test-support/harness';

const TRIALS = Number(process.env.CRASH_TRIALS ?? 50);

let dir: string;
let central: RunningCentral;
let bundle: string;

beforeAll(async () => {
  dir = tempDir('crash-');
  central = await testCentral(dir);
  // a little latency so kills also land while requests are in flight
  central.faults.update({ latencyMs: 0, latencyJitterMs: 4 });
  bundle = await buildHost();
}, 60_000);

afterAll(async () => {
  await central?.close();
  if (bundle) fs.rmSync(bundle, { force: true });
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('crash safety', () => {
  it(`delivers every issued receipt exactly once across ${TRIALS} SIGKILLs during enqueue and sync`, async () => {
    const kioskDir = path.join(dir, 'kiosk');
    const shown = new Map<string, string>(); // receipt → key, as printed to the citizen
    const base = { dataDir: kioskDir, centralUrl: central.url, terminalId: TERMINAL.terminalId, secret: TERMINAL.secret, serviceCode: SERVICE_CODE };
    let kills = 0;
    for (let t = 0; t < TRIALS; t++) {
      // Every third trial only syncs the backlog; the others enqueue while syncing. Big pages
      // on odd trials make the enqueue transaction long enough to be hit.
      const host = runHost(bundle, {
        ...base,
        count: t % 3 === 2 ? 0 : 8,
        intervalMs: 5 + (t % 4) * 5,
        pages: 2,
        pageBytes: t % 2 ? 96_000 : 12_000,
        chunkBytes: 32_768,
      });
      const t0 = Date.now();
      await host.ready;
      if (process.env.CRASH_DEBUG) process.stderr.write(`trial ${t} ready in ${Date.now() - t0} ms\n`);
      await new Promise((r) => setTimeout(r, Math.random() * 350));
      host.child.kill('SIGKILL');
      const exit = await host.exited;
      if (exit.signal === 'SIGKILL') kills++;
      for (const r of host.receipts) {
        expect(shown.has(r.receiptNo), `receipt ${r.receiptNo} issued twice`).toBe(false);
        shown.set(r.receiptNo, r.key);
      }
    }
    expect(kills).toBeGreaterThanOrEqual(Math.floor(TRIALS * 0.9));

    // The kiosk restarts once more and drains everything.
    const last = runHost(bundle, { ...base, count: 0, exitWhenDrained: true });
    const td = Date.now();
    const drained = await last.waitForLine(/^DRAINED/, 90_000);
    if (process.env.CRASH_DEBUG) process.stderr.write(`drained in ${Date.now() - td} ms\n`);
    expect(drained).toMatch(/dead=0$/);
    expect(await last.exited).toMatchObject({ code: 0 });

    const cases = central.store.cases({ terminalId: TERMINAL.terminalId, limit: 100_000 });
    const byReceipt = new Map<string, number>();
    for (const c of cases) byReceipt.set(c.receipt_no, (byReceipt.get(c.receipt_no) ?? 0) + 1);
    // exactly once: no receipt twice, no idempotency key twice
    expect([...byReceipt.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(cases.map((c) => c.idempotency_key)).size).toBe(cases.length);
    // every receipt shown to a citizen is at central, under the same key
    for (const [receiptNo, key] of shown) {
      const c = cases.find((x) => x.receipt_no === receiptNo);
      expect(c, `receipt ${receiptNo} missing at central`).toBeDefined();
      expect(c!.idempotency_key).toBe(key);
    }
    // central holds nothing the kiosk had not committed; the only cases not shown are commits
    // whose receipt line was cut off by the kill (at most one per kill)
    const kiosk = new Database(path.join(kioskDir, 'kiosk.db'), { readonly: true });
    const committed = new Map((kiosk.prepare('SELECT receipt_no, idempotency_key, state FROM submissions').all() as { receipt_no: string; idempotency_key: string; state: string }[]).map((r) => [r.receipt_no, r]));
    expect((kiosk.pragma('integrity_check') as { integrity_check: string }[])[0]!.integrity_check).toBe('ok');
    kiosk.close();
    for (const c of cases) expect(committed.get(c.receipt_no)?.idempotency_key, `case ${c.case_no} unknown to the kiosk`).toBe(c.idempotency_key);
    expect(cases.length).toBe(committed.size);
    expect([...committed.values()].every((r) => r.state === 'sent')).toBe(true);
    const unshown = cases.filter((c) => !shown.has(c.receipt_no)).length;
    expect(unshown).toBeLessThanOrEqual(kills);
    // every page of every case arrived complete and verified
    for (const c of cases) {
      const m = JSON.parse(c.manifest) as { materials: { pages: { sha256: string }[] }[] };
      for (const p of m.materials.flatMap((x) => x.pages)) expect(central.store.attachmentBytes(TERMINAL.terminalId, p.sha256)).not.toBeNull();
    }
    expect(shown.size).toBeGreaterThan(TRIALS); // the trials did issue receipts
  }, 170_000);
});
