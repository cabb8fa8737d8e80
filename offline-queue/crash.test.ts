// Crash safety: the kiosk host is SIGKILLed at random instants while it enqueues and while it
// syncs. Afterwards every receipt a citizen was shown reaches central exactly once, and central
// holds nothing the kiosk had not committed. (`npm run bench` runs more trials.)
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCentral } from '../central/embedded';
import { exactlyOnceViolations, runCrashTrials } from './test-support/crash-trials';
import { buildHost } from './test-support/host-process';
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
    const r = await runCrashTrials({ bundle, central, kioskDir: path.join(dir, 'kiosk'), ...TERMINAL, serviceCode: SERVICE_CODE, trials: TRIALS });
    expect(r.kills).toBeGreaterThanOrEqual(Math.floor(TRIALS * 0.9));
    expect(r.shown.size).toBeGreaterThan(TRIALS); // the trials did issue receipts
    expect(exactlyOnceViolations(r, central, TERMINAL.terminalId)).toEqual([]);
  }, 170_000);
});
