// Offline-queue figures, each against a baseline measured in the same run:
// - durable enqueue of a submission with 10 scanned pages (~3 MB) vs write+fsync of the same bytes
// - sync throughput to central vs raw HTTP upload of the same bytes to the same server
// (peak memory while draining a backlog: backlog.bench.ts, in a kiosk process of its own)
// - receipts delivered exactly once after BENCH_CRASH_TRIALS (default 200) random SIGKILLs
// Central runs in its own process so the memory figure is the kiosk's alone.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sampleCatalog } from '../central/catalog/sample-catalog';
import { Sealer } from '../offline-queue/crypto/sealer';
import { Outbox } from '../offline-queue/outbox';
import { SubmissionQueue } from '../offline-queue/queue';
import { Store } from '../offline-queue/store/store';
import { sampleSubmission } from '../offline-queue/test-support/sample-submission';
import { startCentral } from '../central/embedded';
import { exactlyOnceViolations, runCrashTrials } from '../offline-queue/test-support/crash-trials';
import { buildHost } from '../offline-queue/test-support/host-process';
import Database from 'better-sqlite3';
import { startCentralProcess as startCentralOnItsOwn } from './central-load';
import { ownCpuMs, processTreeCpuMs } from './process-cpu';
import { urlFromStdout } from '../scripts/test-support/url-from-stdout';
import { openBenchQueue } from './bench-queue';
import type { Report } from './report';
import type { QueueEvent } from '../common/events';

const root = path.resolve(import.meta.dirname, '..');
const SERVICE = sampleCatalog.services[0]!.code;
const TERMINAL = { terminalId: 'BENCH001', secret: crypto.randomBytes(32).toString('base64url') };
const PAGE_BYTES = 300_000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Reference central in its own process, with these terminals provisioned (queue-sm.bench.ts registers an sm one). */
export function startCentralProcess(dir: string, provisioned: object[] = [TERMINAL]): Promise<{ url: string; adminToken: string; child: ChildProcess }> {
  return startCentralOnItsOwn(dir, provisioned);
}

/** The second baseline's server (storing-sink-server.ts) in its own process, keeping what it receives in `dir`. */
async function startStoringSink(dir: string): Promise<{ url: string; child: ChildProcess }> {
  fs.mkdirSync(dir, { recursive: true });
  const child = spawn(path.join(root, 'node_modules', '.bin', 'tsx'), [path.join(root, 'bench', 'storing-sink-server.ts'), path.join(dir, 'sink.db')], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await urlFromStdout(child, 60_000);
  return { url, child };
}

/** Uploads each page in its own request, one after another, over the platform fetch; seconds taken. */
async function upload(pages: Buffer[], url: string, headers: Record<string, string>): Promise<number> {
  const t0 = performance.now();
  for (const p of pages) {
    const res = await fetch(url, { method: 'POST', body: new Uint8Array(p), headers: { ...headers, 'Content-Type': 'application/octet-stream' } });
    await res.arrayBuffer();
  }
  return (performance.now() - t0) / 1000;
}

function openQueue(dir: string, url: string, emit: (e: QueueEvent) => void) {
  return openBenchQueue(dir, { terminalId: TERMINAL.terminalId, terminalSecret: TERMINAL.secret, centralUrl: url, emit });
}

/** CPU time (ms) of the kiosk (this process) and of central (its process tree) so far. */
function cpuNow(central: ChildProcess): { kiosk: number; central: number } {
  return { kiosk: ownCpuMs(), central: processTreeCpuMs(central.pid!) };
}

/**
 * Median MB/s of syncing `submissions` × 10 pages (300 KB) to central, each round from a fresh
 * kiosk database, and of raw HTTP upload of the same bytes to the same server right after it, in
 * alternating rounds. One round of each first, untimed: before, the sync ran once on a cold
 * central (its intake routes, schemas and statements compiled during the timed drain) and the
 * raw upload after it on the warmed server and sockets, so the order itself cost the sync.
 * With `storingSink`, each round also uploads the same bytes to a bare server that commits each
 * one to SQLite (the second baseline), and the CPU time both sides spent is counted (central's
 * from /proc): on the shared 2-core machine throughput follows CPU time more than anything else.
 */
export async function syncVsRaw(o: {
  dir: string;
  central: { url: string; adminToken: string; child: ChildProcess };
  submissions: number;
  rounds: number;
  /** the kiosk's queue in `dir`, telling `emit` its events */
  open: (dir: string, emit: (e: QueueEvent) => void) => { store: Store; queue: SubmissionQueue };
  storingSink?: { url: string; child: ChildProcess };
}): Promise<SyncFigures> {
  const rounds: SyncFigures[] = [];
  for (let round = 0; round <= o.rounds; round++) {
    let onEvent: (e: QueueEvent) => void = () => undefined;
    const { store, queue } = o.open(path.join(o.dir, `round-${round}`), (e) => onEvent(e));
    const pages: Buffer[] = [];
    for (let i = 0; i < o.submissions; i++) {
      const sub = sampleSubmission({ serviceCode: SERVICE, pages: 10, pageBytes: PAGE_BYTES });
      for (const m of sub.materials) for (const p of m.pages) pages.push(Buffer.from(p.data));
      const r = queue.enqueue(sub);
      if (!r.ok) throw new Error(JSON.stringify(r.error));
    }
    const mb = pages.reduce((n, p) => n + p.length, 0) / 1e6;
    const cpu0 = cpuNow(o.central.child);
    const t0 = performance.now();
    // Ends when the queue says nothing is pending (its progress event after the last submission
    // is marked sent), not at the next look of a poll, which charged up to a poll's period to the sync.
    await new Promise<void>((resolve, reject) => {
      onEvent = (e) => {
        if (e.type !== 'queue.progress') return;
        if (e.state === 'auth-failed') reject(new Error('central refused the terminal'));
        else if (e.pending === 0) resolve();
      };
      queue.start();
    });
    const syncSec = (performance.now() - t0) / 1000;
    const cpu1 = cpuNow(o.central.child);
    await queue.close();
    store.close();
    const cpu2 = cpuNow(o.central.child);
    const rawSec = await upload(pages, `${o.central.url}/v1/admin/sink`, { Authorization: `Bearer ${o.central.adminToken}` });
    const cpu3 = cpuNow(o.central.child);
    const storedSec = o.storingSink ? await upload(pages, `${o.storingSink.url}/store`, {}) : NaN;
    const bareSec = o.storingSink ? await upload(pages, `${o.storingSink.url}/discard`, {}) : NaN;
    if (round === 0) continue; // warm-up
    rounds.push({
      sync: mb / syncSec,
      raw: mb / rawSec,
      stored: mb / storedSec,
      bare: mb / bareSec,
      syncCpuPerMb: { kiosk: (cpu1.kiosk - cpu0.kiosk) / mb, central: (cpu1.central - cpu0.central) / mb },
      rawCpuPerMb: { kiosk: (cpu3.kiosk - cpu2.kiosk) / mb, central: (cpu3.central - cpu2.central) / mb },
    });
  }
  const m = (f: (r: SyncFigures) => number) => median(rounds.map(f));
  return {
    sync: m((r) => r.sync),
    raw: m((r) => r.raw),
    stored: m((r) => r.stored),
    bare: m((r) => r.bare),
    syncCpuPerMb: { kiosk: m((r) => r.syncCpuPerMb.kiosk), central: m((r) => r.syncCpuPerMb.central) },
    rawCpuPerMb: { kiosk: m((r) => r.rawCpuPerMb.kiosk), central: m((r) => r.rawCpuPerMb.central) },
  };
}

/** Medians of a throughput run: MB/s, and CPU time per MB on each side (for the raw upload, `kiosk` is the uploading client). */
interface SyncFigures {
  sync: number;
  raw: number;
  stored: number;
  bare: number;
  syncCpuPerMb: { kiosk: number; central: number };
  rawCpuPerMb: { kiosk: number; central: number };
}

/**
 * What a durable enqueue of these pages cannot do without (the floor its figure is bounded by):
 * each page's SHA-256 (its digest goes into the manifest central checks uploads against) and its
 * AES-256-GCM seal (encryption at rest), written to one new file, that file fsync'd, then its
 * directory (the file must still be there after a power cut), then one small row naming it
 * committed in a WAL, synchronous=FULL database (the outbox row: a second journal commit, after
 * the first). Not counted: validating, MACs, the sealed document, the receipt number.
 */
function enqueueFloor(pages: Buffer[], file: string, db: Database.Database): void {
  const key = crypto.randomBytes(32);
  const parts: Buffer[] = [];
  for (const p of pages) {
    crypto.createHash('sha256').update(p).digest('hex');
    const iv = crypto.randomBytes(12);
    const c = crypto.createCipheriv('aes-256-gcm', key, iv);
    const body = c.update(p);
    c.final();
    parts.push(Buffer.concat([Buffer.of(1), iv, c.getAuthTag()]), body);
  }
  const fd = fs.openSync(file, 'w');
  fs.writevSync(fd, parts, 0);
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  const dirFd = fs.openSync(path.dirname(file), 'r');
  fs.fsyncSync(dirFd);
  fs.closeSync(dirFd);
  db.prepare('INSERT INTO rows (file, parts) VALUES (?, ?)').run(path.basename(file), parts.length);
}

function floorDatabase(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE rows (file TEXT NOT NULL, parts INTEGER NOT NULL) STRICT');
  return db;
}

export async function run(report: Report): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-bench-'));
  const central = await startCentralProcess(dir);
  try {
    // 1. durable enqueue vs write+fsync of the same bytes
    {
      const d = path.join(dir, 'enqueue');
      const dbFile = path.join(d, 'kiosk.db');
      const store = Store.open(dbFile);
      const outbox = new Outbox({ store, sealer: new Sealer(crypto.randomBytes(32)), terminalId: TERMINAL.terminalId, dbFile });
      const enqueueMs: number[] = [];
      const rawMs: number[] = [];
      const floorMs: number[] = [];
      const floorDb = floorDatabase(path.join(d, 'floor.db'));
      // The three take turns at going first: whichever runs first in a round meets the page bytes
      // fresh from the generator (cold in the CPU's caches) and the disk right after the previous
      // round's commits, and in a fixed order that was always the enqueue.
      for (let i = 0; i < 12; i++) {
        const sub = sampleSubmission({ serviceCode: SERVICE, pages: 10, pageBytes: PAGE_BYTES });
        const pages = sub.materials.flatMap((m) => m.pages.map((p) => Buffer.from(p.data)));
        const bytes = Buffer.concat(pages);
        const steps = [
          () => {
            const t0 = performance.now();
            const r = outbox.enqueue(sub);
            enqueueMs.push(performance.now() - t0);
            if (!r.ok) throw new Error(JSON.stringify(r.error));
          },
          () => {
            const t1 = performance.now();
            const fd = fs.openSync(path.join(d, `raw-${i}.bin`), 'w');
            fs.writeSync(fd, bytes);
            fs.fsyncSync(fd);
            fs.closeSync(fd);
            rawMs.push(performance.now() - t1);
          },
          () => {
            const t2 = performance.now();
            enqueueFloor(pages, path.join(d, `floor-${i}.bin`), floorDb);
            floorMs.push(performance.now() - t2);
          },
        ];
        for (let k = 0; k < steps.length; k++) steps[(i + k) % steps.length]!();
      }
      store.close();
      floorDb.close();
      const ratio = median(enqueueMs) / median(rawMs);
      report('durable enqueue, 10 pages (3 MB)', median(enqueueMs), 'ms', { name: 'write+fsync of the same bytes', value: median(rawMs) }, { text: '≤ 1.5×', met: ratio <= 1.5 });
      // the bound on that figure: the digest, the seal and the directory entry it cannot skip
      report('durable enqueue floor: SHA-256 + AES-256-GCM, write, fsync file and directory, commit a row', median(floorMs), 'ms', { name: 'write+fsync of the same bytes', value: median(rawMs) });
      report('durable enqueue, 10 pages (3 MB), vs its floor', median(enqueueMs), 'ms', { name: 'its floor (digest, seal, file, directory, row)', value: median(floorMs) });
    }

    // 2. sync throughput vs raw HTTP upload of the same bytes to the same server
    {
      const storingSink = await startStoringSink(path.join(dir, 'storing-sink'));
      try {
        const r = await syncVsRaw({ dir: path.join(dir, 'throughput'), central, submissions: 6, rounds: 5, open: (d, emit) => openQueue(d, central.url, emit), storingSink });
        report('sync throughput to central', r.sync, 'MB/s', { name: 'raw HTTP upload, same bytes, same server', value: r.raw }, { atLeast: 0.7 });
        // What bounds it: the same upload to a bare server that stores each page with one fsync'd
        // SQLite commit, and the CPU time both sides spend per MB (the machine is shared and small).
        report('sync throughput to central, against a store', r.sync, 'MB/s', { name: "raw HTTP upload, one fsync'd SQLite commit per page (bare server)", value: r.stored });
        report("raw HTTP upload, one fsync'd SQLite commit per page (bare server)", r.stored, 'MB/s', { name: 'the same upload to the same bare server, stored nowhere', value: r.bare });
        const both = (c: { kiosk: number; central: number }) => c.kiosk + c.central;
        report('CPU time per MB synced (kiosk + central)', both(r.syncCpuPerMb), 'ms/MB', { name: 'raw HTTP upload (client + central)', value: both(r.rawCpuPerMb) });
        report('CPU time per MB synced: the kiosk', r.syncCpuPerMb.kiosk, 'ms/MB', { name: 'raw HTTP upload: the client', value: r.rawCpuPerMb.kiosk });
        report('CPU time per MB synced: central', r.syncCpuPerMb.central, 'ms/MB', { name: 'raw HTTP upload: central', value: r.rawCpuPerMb.central });
      } finally {
        storingSink.child.kill('SIGTERM');
      }
    }

    // 4. crash safety with more trials than CI runs
    {
      const trials = Number(process.env.BENCH_CRASH_TRIALS ?? 200);
      const d = path.join(dir, 'crash');
      const embedded = await startCentral({ dbFile: path.join(d, 'central.db'), terminals: [TERMINAL] });
      const bundle = await buildHost();
      try {
        const r = await runCrashTrials({ bundle, central: embedded, kioskDir: path.join(d, 'kiosk'), ...TERMINAL, serviceCode: SERVICE, trials });
        const violations = exactlyOnceViolations(r, embedded, TERMINAL.terminalId);
        if (violations.length) throw new Error(`exactly-once violated: ${violations.slice(0, 5).join('; ')}`);
        const once = [...r.shown.keys()].filter((no) => r.centralCases.filter((c) => c.receiptNo === no).length === 1).length;
        report(`receipts delivered exactly once after ${r.kills} SIGKILLs`, once, 'receipts', { name: 'receipts shown to citizens', value: r.shown.size });
      } finally {
        fs.rmSync(bundle, { force: true });
        await embedded.close();
      }
    }
  } finally {
    central.child.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
