// A kiosk process of its own for the backlog figures (queue.bench.ts starts it), so its memory is
// the kiosk's alone and nothing earlier benches left in the bench process counts against it.
// Argument: JSON options. Prints one line of JSON with what it measured, then exits.
//   memory  enqueue `count` submissions while the terminal is offline, then drain them to
//           central, sampling RSS every 20 ms.
//   scale   per-submission time of durable enqueues, and of draining, at two backlog sizes, in
//           alternating rounds (load on the machine moves both alike).
//   growth  database + WAL + page files with `count` submissions, and after retention purged
//           them, against the rows kept compacted by VACUUM INTO.
// Filling a backlog is not what these measure: it runs with synchronous=OFF (then FULL again),
// through the same enqueue path. What is timed always runs with synchronous=FULL.
import fs from 'node:fs';
import path from 'node:path';
import { purgeExpired } from '../offline-queue/retention';
import { PageFiles } from '../offline-queue/store/page-files';
import { sampleSubmission } from '../offline-queue/test-support/sample-submission';
import { openBenchQueue } from './bench-queue';

interface Terminal {
  terminalId: string;
  secret: string;
}
interface Common {
  dir: string;
  centralUrl: string;
  /** one terminal per kiosk database: two databases of one terminal would issue the same receipt numbers */
  terminals: Terminal[];
  serviceCode: string;
}
type Options = Common & ({ mode: 'memory'; count: number } | { mode: 'scale'; small: number; large: number; rounds: number; window: number } | { mode: 'growth'; count: number });

const o = JSON.parse(process.argv[2] ?? '{}') as Options;

function openKiosk(name: string, terminal: Terminal) {
  return openBenchQueue(path.join(o.dir, name), { terminalId: terminal.terminalId, terminalSecret: terminal.secret, centralUrl: o.centralUrl });
}
type Kiosk = ReturnType<typeof openKiosk>;

const small = () => sampleSubmission({ serviceCode: o.serviceCode, pages: 1, pageBytes: 2000 });

function enqueue(k: Kiosk, n: number): void {
  for (let i = 0; i < n; i++) {
    const r = k.queue.enqueue(small());
    if (!r.ok) throw new Error(JSON.stringify(r.error));
  }
}

function fill(k: Kiosk, n: number): void {
  k.store.db.pragma('synchronous = OFF');
  enqueue(k, n);
  k.store.db.pragma('synchronous = FULL');
  k.store.outbox.checkpoint();
}

const tick = () => new Promise((r) => setTimeout(r, 20));

/** Drains until `n` more are sent (all, without n), calling `sample` every 20 ms; returns ms. */
async function drain(k: Kiosk, n: number | null, sample?: () => void): Promise<number> {
  const target = n === null ? null : k.queue.status().sent + n;
  const t0 = performance.now();
  k.queue.start();
  while (target === null ? k.queue.status().pending > 0 : k.queue.status().sent < target) {
    sample?.();
    await tick();
  }
  const ms = performance.now() - t0;
  await k.queue.close();
  return ms;
}

function storageBytes(dbFile: string): number {
  const size = (f: string) => (fs.existsSync(f) ? fs.statSync(f).size : 0);
  return size(dbFile) + size(`${dbFile}-wal`) + new PageFiles(PageFiles.dirOf(dbFile)).bytes();
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<object> {
  if (o.mode === 'memory') {
    const k = openKiosk('memory', o.terminals[0]!);
    fill(k, o.count);
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const drainMs = await drain(k, null, () => {
      peak = Math.max(peak, process.memoryUsage().rss);
    });
    k.store.close();
    return { before, peak, drainMs };
  }
  if (o.mode === 'scale') {
    const sizes = { small: openKiosk('small', o.terminals[0]!), large: openKiosk('large', o.terminals[1]!) };
    fill(sizes.small, o.small);
    fill(sizes.large, o.large);
    const per = { small: { enqueue: [] as number[], drain: [] as number[] }, large: { enqueue: [] as number[], drain: [] as number[] } };
    for (let round = 0; round < o.rounds; round++) {
      for (const which of round % 2 ? (['large', 'small'] as const) : (['small', 'large'] as const)) {
        const k = sizes[which];
        const t0 = performance.now();
        enqueue(k, o.window);
        per[which].enqueue.push((performance.now() - t0) / o.window);
        per[which].drain.push((await drain(k, o.window)) / o.window);
      }
    }
    const backlog = { small: sizes.small.store.outbox.counts(), large: sizes.large.store.outbox.counts() };
    for (const k of Object.values(sizes)) k.store.close();
    if (backlog.small.dead || backlog.large.dead) throw new Error(`central refused submissions: ${JSON.stringify(backlog)}`);
    return {
      enqueueMs: { small: median(per.small.enqueue), large: median(per.large.enqueue) },
      drainMs: { small: median(per.small.drain), large: median(per.large.drain) },
      backlog,
    };
  }
  // growth
  const k = openKiosk('growth', o.terminals[0]!);
  const empty = storageBytes(k.dbFile);
  fill(k, o.count);
  // acknowledged, as the sync engine records central's answer
  const due = k.store.outbox.due(Date.now(), o.count);
  const ackedAt = new Date().toISOString();
  k.store.outbox.markSentAll(
    due.map((r, i) => ({ id: r.id, caseNo: `CASE-${i}` })),
    ackedAt,
  );
  k.store.outbox.checkpoint();
  const queued = storageBytes(k.dbFile);
  const purged = purgeExpired(k.store, 7, new Date(Date.now() + 8 * 86_400_000)).submissions;
  const after = storageBytes(k.dbFile);
  const compactFile = path.join(o.dir, 'growth', 'compact.db');
  k.store.db.prepare('VACUUM INTO ?').run(compactFile);
  const compact = fs.statSync(compactFile).size;
  k.store.close();
  return { empty, queued, purged, after, compact };
}

main().then(
  (r) => {
    process.stdout.write(`${JSON.stringify(r)}\n`);
    process.exit(0);
  },
  (e: Error) => {
    process.stderr.write(`${e.stack}\n`);
    process.exit(1);
  },
);
