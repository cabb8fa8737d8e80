// Crash safety: the kiosk host is SIGKILLed at random instants while it enqueues and while it
// syncs. Afterwards every receipt a citizen was shown reaches central exactly once, and central
// holds nothing the kiosk had not committed. (`npm run bench` runs more trials.) Runs in the
// suite of KIOSK_TEST_SUITE; the second test switches a terminal with a backlog from
// international to sm (issue 16) and kills it while it re-seals.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningCentral } from '../central/embedded';
import { suiteOfSealed } from './crypto/sealer';
import { SEALED_COLUMNS } from './store/reseal-tables';
import { exactlyOnceViolations, runCrashTrials } from './test-support/crash-trials';
import { buildHost } from './test-support/host-process';
import { SERVICE_CODE, TERMINAL, TEST_SUITE, tempDir, testCentral } from './test-support/harness';

const TRIALS = Number(process.env.CRASH_TRIALS ?? 50);
const SWITCH_TRIALS = 16;

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
  it(`delivers every issued receipt exactly once across ${TRIALS} SIGKILLs during enqueue and sync (${TEST_SUITE} suite)`, async () => {
    const r = await runCrashTrials({ bundle, central, kioskDir: path.join(dir, 'kiosk'), ...TERMINAL, suite: TEST_SUITE, serviceCode: SERVICE_CODE, trials: TRIALS });
    expect(r.kills).toBeGreaterThanOrEqual(Math.floor(TRIALS * 0.9));
    // the trials did issue receipts (a guard on the test, not the product: under sm, half the trials
    // write 96 KB pages into page files and sign with pure-JS SM2, so a trial issues about one)
    expect(r.shown.size).toBeGreaterThanOrEqual(TRIALS / 2);
    // both page layouts were written and killed: in the database (12 KB pages) and in page files (96 KB)
    expect(r.inPageFiles).toBeGreaterThan(0);
    expect(r.inPageFiles).toBeLessThan(r.committed.size);
    expect(exactlyOnceViolations(r, central, TERMINAL.terminalId)).toEqual([]);
  }, 170_000);

  it(`switches a terminal with queued submissions from international to sm across ${SWITCH_TRIALS} SIGKILLs, losing and duplicating nothing`, async () => {
    const sw = await testCentral(path.join(dir, 'switch'), 'international');
    try {
      sw.faults.update({ latencyMs: 0, latencyJitterMs: 4 });
      const kioskDir = path.join(dir, 'switch', 'kiosk');
      const switchAt = SWITCH_TRIALS / 2;
      const r = await runCrashTrials({
        bundle,
        central: sw,
        kioskDir,
        ...TERMINAL,
        suite: 'international',
        switchTo: 'sm',
        switchAt,
        // Central moves the terminal to sm (no transition window) when the terminal switches:
        // from then on a request still signed the old way would be refused, not taken.
        beforeTrial: (t) => {
          if (t === switchAt) sw.store.setTerminalSuite(TERMINAL.terminalId, { suite: 'sm', transitionUntil: null });
        },
        serviceCode: SERVICE_CODE,
        trials: SWITCH_TRIALS,
      });
      expect(r.kills).toBeGreaterThanOrEqual(Math.floor(SWITCH_TRIALS * 0.9));
      expect(exactlyOnceViolations(r, sw, TERMINAL.terminalId)).toEqual([]);
      // Everything kept at the kiosk is now in sm, and the switch is recorded as finished.
      const db = new Database(path.join(kioskDir, 'kiosk.db'), { readonly: true });
      try {
        const suites = new Map<string, number>();
        for (const c of SEALED_COLUMNS)
          for (const row of db.prepare(`SELECT ${c.column} AS v FROM ${c.table} WHERE ${c.column} IS NOT NULL`).all() as { v: Buffer }[]) {
            const s = `${suiteOfSealed(row.v)}`;
            suites.set(s, (suites.get(s) ?? 0) + 1);
          }
        expect([...suites.keys()]).toEqual(['sm']);
        expect(suites.get('sm')).toBeGreaterThan(r.committed.size); // documents, claims and pages
        expect(db.prepare("SELECT value FROM store_meta WHERE key = 'sealed_suite'").pluck().get()).toBe('sm');
        // pages kept in page files were re-sealed too: every file is sm's, and so is each page in it
        const inFiles = db
          .prepare(
            'SELECT s.idempotency_key AS k, p.file_suite AS suite, p.file_offset AS offset, p.sealed_size AS size FROM submission_pages p JOIN submissions s ON s.id = p.submission_id WHERE p.file_suite IS NOT NULL',
          )
          .all() as { k: string; suite: string; offset: number; size: number }[];
        expect(inFiles.length).toBeGreaterThan(0);
        for (const p of inFiles) {
          expect(p.suite).toBe('sm');
          const bytes = fs.readFileSync(path.join(kioskDir, 'kiosk.db.pages', `${p.k}.sm.pages`)).subarray(p.offset, p.offset + p.size);
          expect(suiteOfSealed(bytes)).toBe('sm');
        }
      } finally {
        db.close();
      }
    } finally {
      await sw.close();
    }
  }, 170_000);
});
