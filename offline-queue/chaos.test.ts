// Chaos: a kiosk offline for a (simulated) day takes submissions while central is down, costs
// no CPU while it waits, then delivers everything exactly once through 30 % injected failures
// (errors, 503 + Retry-After, timeouts, connections dropped before and after commit). Runs in the
// suite of KIOSK_TEST_SUITE (`npm test` runs it in both).
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
});
