// The kiosk with a backlog (issue 12), each figure measured in a kiosk process of its own
// (backlog-kiosk.ts) against a central in its own process, so neither central nor what earlier
// benches left in this process counts:
// - peak memory while draining a backlog (BENCH_BACKLOG, default 10,000) vs before draining
// - per-submission time of durable enqueue and of draining with a backlog of BENCH_SCALE
//   (default 100,000) vs 1,000: indexes, not scans, so it does not grow with the backlog
// - storage (database + WAL + page files) after retention purged 10,000 acknowledged
//   submissions vs before the purge, with the goal that no dead space is left: at most 1.1× the
//   rows kept, compacted (VACUUM INTO)
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sampleCatalog } from '../central/catalog/sample-catalog';
import { bundleForNode } from './bundle';
import { startCentralProcess } from './queue.bench';
import type { Report } from './report';

const root = path.resolve(import.meta.dirname, '..');
const SERVICE = sampleCatalog.services[0]!.code;
// one terminal per kiosk database (memory; scale at 1,000; scale at BENCH_SCALE; growth)
const TERMINALS = [201, 202, 203, 204].map((n) => ({ terminalId: `BENCH${n}`, secret: crypto.randomBytes(32).toString('base64url') }));
const MB = 1e6;

/** Runs the bundled backlog kiosk with these options and returns the JSON line it prints. */
function kiosk<T>(bundle: string, options: object): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', bundle, JSON.stringify(options)], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!) as T) : reject(new Error(`backlog kiosk exited ${code}`))));
  });
}

export async function run(report: Report): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backlog-bench-'));
  // bundled and run by plain node, as a terminal runs the backend (bundle.ts)
  const bundle = await bundleForNode('bench/backlog-kiosk.ts', path.join(dir, 'bundle'), { production: true });
  const central = await startCentralProcess(dir, TERMINALS);
  const common = { centralUrl: central.url, serviceCode: SERVICE };
  try {
    {
      const count = Number(process.env.BENCH_BACKLOG ?? 10_000);
      const m = await kiosk<{ before: number; peak: number }>(bundle, { mode: 'memory', dir: path.join(dir, 'memory'), count, terminals: [TERMINALS[0]], ...common });
      const adds = (m.peak - m.before) / MB;
      report(
        `peak RSS draining ${count} submissions (kiosk process)`,
        m.peak / MB,
        'MB',
        { name: 'RSS before draining', value: m.before / MB },
        { text: `< 250 MB peak, draining adds < 50 MB (adds ${adds.toFixed(0)} MB)`, met: m.peak / MB < 250 && adds < 50 },
      );
    }
    {
      const large = Number(process.env.BENCH_SCALE ?? 100_000);
      const s = await kiosk<{ enqueueMs: { small: number; large: number }; drainMs: { small: number; large: number } }>(bundle, {
        mode: 'scale',
        dir: path.join(dir, 'scale'),
        small: 1000,
        large,
        rounds: 5,
        window: 100,
        terminals: [TERMINALS[1], TERMINALS[2]],
        ...common,
      });
      const goal = (r: number) => ({ text: '≤ 1.25× (no growth with the backlog)', met: r <= 1.25 });
      report(`durable enqueue per submission, backlog of ${large}`, s.enqueueMs.large, 'ms', { name: 'backlog of 1000', value: s.enqueueMs.small }, goal(s.enqueueMs.large / s.enqueueMs.small));
      report(`draining per submission, backlog of ${large}`, s.drainMs.large, 'ms', { name: 'backlog of 1000', value: s.drainMs.small }, goal(s.drainMs.large / s.drainMs.small));
    }
    {
      const count = 10_000;
      const g = await kiosk<{ empty: number; queued: number; purged: number; after: number; compact: number }>(bundle, {
        mode: 'growth',
        dir: path.join(dir, 'growth'),
        count,
        terminals: [TERMINALS[3]],
        ...common,
      });
      if (g.purged !== count) throw new Error(`retention purged ${g.purged} of ${count}`);
      report(
        `kiosk storage after retention purged ${count} submissions`,
        g.after / MB,
        'MB',
        { name: 'with them queued', value: g.queued / MB },
        { text: `≤ 1.1× the rows kept, compacted (${(g.compact / MB).toFixed(2)} MB)`, met: g.after <= 1.1 * g.compact },
      );
    }
  } finally {
    central.child.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
