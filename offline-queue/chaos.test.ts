// Chaos: a kiosk offline for a (simulated) day takes submissions while central is down, costs
// no CPU while it waits, then delivers everything exactly once through 30 % injected failures
// (errors, 503 + Retry-After, timeouts, connections dropped before and after commit); and pages
// uploaded several at a time survive dropped connections and a SIGKILL mid-pipeline without a
// page or case stored twice. Runs in the suite of KIOSK_TEST_SUITE (`npm test` runs it in both).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCentral } from '../central/embedded';
import { buildHost, processCpuMs, runHost } from './test-support/host-process';
import { SERVICE_CODE, TERMINAL, TEST_SUITE, tempDir, testCentral } from './test-support/harness';

let dir: string;
let central: RunningCentral;
let bundle: string;

beforeAll(async () => {
  dir = tempDir('chaos-');
  central = await testCentral(dir);
  bundle = await buildHost();
}, 60_000);

afterAll(async () => {
  await central?.close();
  if (bundle) fs.rmSync(bundle, { force: true });
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('chaos', () => {
  it('takes submissions offline, idles without CPU, then delivers all exactly once through injected failures', async () => {
    const COUNT = 30;
    central.faults.update({ downForSec: 600 }); // central is off the network: connections are refused
    const host = runHost(bundle, {
      dataDir: path.join(dir, 'kiosk'),
      centralUrl: central.url,
      terminalId: TERMINAL.terminalId,
      secret: TERMINAL.secret,
      suite: TEST_SUITE,
      sm2Seed: TERMINAL.sm2Seed,
      serviceCode: SERVICE_CODE,
      count: COUNT,
      intervalMs: 5,
      pages: 1,
      pageBytes: 30_000,
      chunkBytes: 16_384,
      batchSize: 6,
      backoffBaseMs: 100,
      backoffCapMs: 1000,
      requestTimeoutMs: 600,
      exitWhenDrained: true,
    });
    await host.waitForLine(/^ENQUEUED/, 30_000);
    expect(host.receipts).toHaveLength(COUNT); // every citizen got a receipt while offline

    // Offline and waiting: measure CPU time the kiosk process uses (not wall time).
    await new Promise((r) => setTimeout(r, 500));
    const pid = host.child.pid!;
    const cpu0 = processCpuMs(pid);
    const WINDOW_MS = 4000;
    await new Promise((r) => setTimeout(r, WINDOW_MS));
    const idleCpu = processCpuMs(pid) - cpu0;
    if (process.env.CHAOS_DEBUG) process.stderr.write(`idle CPU while offline: ${idleCpu} ms in ${WINDOW_MS} ms\n`);
    expect(idleCpu, `kiosk used ${idleCpu} ms CPU in ${WINDOW_MS} ms while offline`).toBeLessThan(WINDOW_MS * 0.05);
    expect(central.store.countCases()).toBe(0);

    // Central comes back, but unreliable: ~30 % of requests fail one way or another.
    central.faults.update({
      downForSec: 0,
      errorRate: 0.1,
      unavailableRate: 0.07,
      retryAfterSec: 1,
      dropRate: 0.08,
      hangRate: 0.05,
      hangMs: 1000,
      latencyMs: 1,
      latencyJitterMs: 5,
    });
    // …and goes down once more for a while in the middle of the drain.
    setTimeout(() => central.faults.update({ downForSec: 2 }), 1500);
    const drained = await host.waitForLine(/^DRAINED/, 120_000);
    expect(drained).toBe(`DRAINED sent=${COUNT} dead=0`);
    central.faults.reset();

    const counters = central.faults.counters;
    if (process.env.CHAOS_DEBUG) process.stderr.write(`faults injected: ${JSON.stringify(counters)}\n`);
    expect(counters.errors + counters.unavailable + counters.drops + counters.hangs).toBeGreaterThan(10);
    const cases = central.store.cases({ terminalId: TERMINAL.terminalId });
    expect(cases).toHaveLength(COUNT);
    expect(cases.map((c) => c.receipt_no).sort()).toEqual(host.receipts.map((r) => r.receiptNo).sort());
    for (const r of host.receipts) expect(cases.find((c) => c.receipt_no === r.receiptNo)!.idempotency_key).toBe(r.key);
  }, 170_000);

  it('uploads pages several at a time through dropped connections and a SIGKILL mid-pipeline, storing each page and each case once', async () => {
    const COUNT = 8;
    const PAGES = 4;
    // its own central: a fresh kiosk database numbers receipts from 1 again, which the first test's central holds
    const central = await testCentral(path.join(dir, 'pipelined'));
    try {
      central.faults.update({ dropRate: 0.15, errorRate: 0.05, latencyMs: 2, latencyJitterMs: 8 });
      const base = {
        dataDir: path.join(dir, 'pipelined', 'kiosk'),
        centralUrl: central.url,
        terminalId: TERMINAL.terminalId,
        secret: TERMINAL.secret,
        suite: TEST_SUITE,
        sm2Seed: TERMINAL.sm2Seed,
        serviceCode: SERVICE_CODE,
        pages: PAGES,
        pageBytes: 40_000,
        chunkBytes: 16_384,
        batchSize: COUNT,
        backoffBaseMs: 50,
        backoffCapMs: 300,
        requestTimeoutMs: 1000,
      };
      const first = runHost(bundle, { ...base, count: COUNT, intervalMs: 0 });
      await first.waitForLine(/^ENQUEUED/, 30_000);
      // killed while several pages are on the wire: some chunks committed, some answers lost
      const attachments = () => central.store.stats().attachments;
      const before = attachments();
      while (attachments() < before + 3) await new Promise((r) => setTimeout(r, 5));
      first.child.kill('SIGKILL');
      await first.exited;
      const second = runHost(bundle, { ...base, count: 0, exitWhenDrained: true });
      expect(await second.waitForLine(/^DRAINED/, 120_000)).toBe(`DRAINED sent=${COUNT} dead=0`);
      await second.exited;
      central.faults.reset();
      const mine = new Set(first.receipts.map((r) => r.receiptNo));
      const cases = central.store.cases({ terminalId: TERMINAL.terminalId, limit: 1_000_000 }).filter((c) => mine.has(c.receipt_no));
      expect(cases.map((c) => c.receipt_no).sort()).toEqual([...mine].sort());
      // every page central holds is whole and stored once: its chunks add up to its size exactly
      const pages = cases.flatMap((c) => (JSON.parse(c.manifest) as { materials: { pages: { sha256: string; size: number }[] }[] }).materials.flatMap((m) => m.pages));
      expect(pages).toHaveLength(COUNT * PAGES);
      for (const p of pages) {
        const bytes = central.store.attachmentBytes(TERMINAL.terminalId, p.sha256);
        expect(bytes?.length, `page ${p.sha256.slice(0, 8)}`).toBe(p.size);
        const stored = central.store.db.prepare('SELECT SUM(length(data)) AS n FROM attachment_chunks WHERE terminal_id = ? AND sha256 = ?').get(TERMINAL.terminalId, p.sha256) as { n: number };
        expect(stored.n).toBe(p.size);
      }
    } finally {
      await central.close();
    }
  }, 170_000);
});
