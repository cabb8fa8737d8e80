// The crash experiment shared by crash.test.ts (50 trials in CI) and the bench (more): run the
// kiosk host, SIGKILL it at a random instant while it enqueues and/or syncs, repeat on the same
// data, let it drain once more, then compare what citizens were shown with what central holds.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { RunningCentral } from '../../central/embedded';
import { runHost } from './host-process';

export interface CrashRunResult {
  trials: number;
  kills: number;
  /** receipt → idempotency key, as printed after each enqueue returned */
  shown: Map<string, string>;
  /** receipts printed twice (must be none) */
  reissued: string[];
  drained: string;
  centralCases: { receiptNo: string; key: string; caseNo: string; pages: string[] }[];
  committed: Map<string, { key: string; state: string; deadReason: string | null }>;
  integrity: string;
  /** page files with no row naming them after the drain (a crash's leftovers must be gone) */
  orphanPageFiles: string[];
  /** page files a row names that are not there */
  missingPageFiles: string[];
  /** submissions whose pages were kept in page files (the trials must exercise both layouts) */
  inPageFiles: number;
}

export async function runCrashTrials(o: {
  bundle: string;
  central: RunningCentral;
  kioskDir: string;
  terminalId: string;
  secret: string;
  /** the suite of every run (default international); `switchTo` runs the later trials and the drain in another */
  suite?: 'international' | 'sm';
  switchTo?: 'international' | 'sm';
  /** the trial from which `switchTo` applies */
  switchAt?: number;
  sm2Seed?: string;
  /** called before each trial (e.g. central switches the terminal's registration) */
  beforeTrial?: (t: number) => void;
  serviceCode: string;
  trials: number;
  maxKillDelayMs?: number;
}): Promise<CrashRunResult> {
  const shown = new Map<string, string>();
  const reissued: string[] = [];
  const base = { dataDir: o.kioskDir, centralUrl: o.central.url, terminalId: o.terminalId, secret: o.secret, serviceCode: o.serviceCode, sm2Seed: o.sm2Seed };
  const suiteAt = (t: number) => (o.switchTo && t >= (o.switchAt ?? 0) ? o.switchTo : (o.suite ?? 'international'));
  let kills = 0;
  for (let t = 0; t < o.trials; t++) {
    o.beforeTrial?.(t);
    // Every third trial only syncs the backlog; the others enqueue while syncing. Big pages on
    // odd trials make the enqueue transaction long enough to be hit.
    const host = runHost(o.bundle, {
      ...base,
      suite: suiteAt(t),
      // a slow re-seal after the switch, so kills land in the middle of it
      resealBatch: 4,
      resealPauseMs: 5,
      count: t % 3 === 2 ? 0 : 8,
      intervalMs: 5 + (t % 4) * 5,
      pages: 2,
      pageBytes: t % 2 ? 96_000 : 12_000,
      chunkBytes: 32_768,
    });
    await host.ready;
    await new Promise((r) => setTimeout(r, Math.random() * (o.maxKillDelayMs ?? 350)));
    host.child.kill('SIGKILL');
    const exit = await host.exited;
    if (exit.signal === 'SIGKILL') kills++;
    for (const r of host.receipts) {
      if (shown.has(r.receiptNo)) reissued.push(r.receiptNo);
      shown.set(r.receiptNo, r.key);
    }
  }
  const last = runHost(o.bundle, { ...base, suite: suiteAt(o.trials), count: 0, exitWhenDrained: true });
  const drained = await last.waitForLine(/^DRAINED/, 120_000);
  await last.exited;

  const centralCases = o.central.store.cases({ terminalId: o.terminalId, limit: 1_000_000 }).map((c) => ({
    receiptNo: c.receipt_no,
    key: c.idempotency_key,
    caseNo: c.case_no,
    pages: (JSON.parse(c.manifest) as { materials: { pages: { sha256: string }[] }[] }).materials.flatMap((m) => m.pages.map((p) => p.sha256)),
  }));
  const kiosk = new Database(path.join(o.kioskDir, 'kiosk.db'), { readonly: true });
  const committed = new Map(
    (
      kiosk.prepare('SELECT receipt_no, idempotency_key, state, dead_code, dead_reason FROM submissions').all() as {
        receipt_no: string;
        idempotency_key: string;
        state: string;
        dead_code: string | null;
        dead_reason: string | null;
      }[]
    ).map((r) => [r.receipt_no, { key: r.idempotency_key, state: r.state, deadReason: r.dead_code ? `${r.dead_code}: ${r.dead_reason}` : null }]),
  );
  const integrity = (kiosk.pragma('integrity_check') as { integrity_check: string }[])[0]!.integrity_check;
  const named = new Set(
    (
      kiosk.prepare('SELECT DISTINCT s.idempotency_key AS k, p.file_suite AS suite FROM submission_pages p JOIN submissions s ON s.id = p.submission_id WHERE p.file_suite IS NOT NULL').all() as {
        k: string;
        suite: string;
      }[]
    ).map((r) => `${r.k}.${r.suite}.pages`),
  );
  kiosk.close();
  const pagesDir = path.join(o.kioskDir, 'kiosk.db.pages');
  const present = fs.existsSync(pagesDir) ? fs.readdirSync(pagesDir) : [];
  const orphanPageFiles = present.filter((f) => !named.has(f));
  const missingPageFiles = [...named].filter((f) => !present.includes(f));
  return { trials: o.trials, kills, shown, reissued, drained, centralCases, committed, integrity, orphanPageFiles, missingPageFiles, inPageFiles: named.size };
}

/** Everything that breaks "exactly once"; empty when the run was clean. */
export function exactlyOnceViolations(r: CrashRunResult, central: RunningCentral, terminalId: string): string[] {
  const v: string[] = [];
  if (r.reissued.length) v.push(`receipt numbers issued twice: ${r.reissued.join(', ')}`);
  if (!/dead=0$/.test(r.drained)) v.push(`drain ended with dead letters: ${r.drained}`);
  if (r.integrity !== 'ok') v.push(`kiosk database integrity: ${r.integrity}`);
  if (r.orphanPageFiles.length) v.push(`page files no submission refers to after a restart: ${r.orphanPageFiles.slice(0, 3).join(', ')}`);
  if (r.missingPageFiles.length) v.push(`page files submissions refer to are missing: ${r.missingPageFiles.slice(0, 3).join(', ')}`);
  const perReceipt = new Map<string, number>();
  for (const c of r.centralCases) perReceipt.set(c.receiptNo, (perReceipt.get(c.receiptNo) ?? 0) + 1);
  for (const [receipt, n] of perReceipt) if (n > 1) v.push(`receipt ${receipt} has ${n} cases at central`);
  if (new Set(r.centralCases.map((c) => c.key)).size !== r.centralCases.length) v.push('an idempotency key has two cases');
  for (const [receipt, key] of r.shown) {
    const c = r.centralCases.find((x) => x.receiptNo === receipt);
    if (!c) v.push(`receipt ${receipt} shown to a citizen never reached central`);
    else if (c.key !== key) v.push(`receipt ${receipt} reached central under another key`);
  }
  for (const c of r.centralCases) {
    if (r.committed.get(c.receiptNo)?.key !== c.key) v.push(`case ${c.caseNo} (${c.receiptNo}) was never committed at the kiosk`);
    for (const sha of c.pages) if (!central.store.attachmentBytes(terminalId, sha)) v.push(`case ${c.caseNo} page ${sha.slice(0, 12)} incomplete`);
  }
  if (r.centralCases.length !== r.committed.size) v.push(`kiosk committed ${r.committed.size}, central has ${r.centralCases.length}`);
  for (const [receipt, row] of r.committed) if (row.state !== 'sent') v.push(`${receipt} is ${row.state} after the drain${row.deadReason ? ` (${row.deadReason})` : ''}`);
  // A commit whose receipt line was cut off by the kill reaches central without having been
  // shown; there can be at most one such per kill.
  const unshown = r.centralCases.filter((c) => !r.shown.has(c.receiptNo)).length;
  if (unshown > r.kills) v.push(`${unshown} cases at central were never shown, more than the ${r.kills} kills explain`);
  return v;
}
