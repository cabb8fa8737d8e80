// Soak (issue 12): BENCH_SOAK_SESSIONS (default 10,000) simulated citizen sessions through the real
// backend in a kiosk process of its own (soak-kiosk.ts, bundled and run by plain node), syncing
// to central in its own process; twice, as its own terminal each time: with glibc's default malloc
// settings (for comparison), then with those a terminal's launcher starts the kiosk with. Figures:
// RSS after session N vs after session N/10 (goal: grows < 5%), the median open file descriptors and active timers sampled in the later half of the run
// vs the most in the first (goal: flat; they come and go with requests in flight, a leak climbs), and page files left
// that no row names (goal: none) while the inbox is checked empty after every session's wipe.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleForNode } from './bundle';
import { startCentralProcess } from './queue.bench';
import type { Report } from './report';
import type { Sample, Soaked } from './soak-kiosk';

const root = path.resolve(import.meta.dirname, '..');
// one terminal per kiosk run: central takes each terminal's submissions from one database
const TERMINAL = { terminalId: 'SOAK0001', secret: crypto.randomBytes(32).toString('base64url') };
const PLAIN_TERMINAL = { terminalId: 'SOAK0002', secret: crypto.randomBytes(32).toString('base64url') };
const MB = 1e6;

/**
 * The malloc settings a terminal's launcher starts the kiosk with (build/linux/session/gov-kiosk-session,
 * which both hosts go through): the kiosk process here runs with them, as on a terminal.
 */
function launcherMallocEnv(): Record<string, string> {
  const launcher = fs.readFileSync(path.join(root, 'build', 'linux', 'session', 'gov-kiosk-session'), 'utf8');
  const m = /^export MALLOC_ARENA_MAX="\$\{MALLOC_ARENA_MAX:-(\d+)\}"$/m.exec(launcher);
  if (!m) throw new Error('gov-kiosk-session no longer sets MALLOC_ARENA_MAX as this bench reads it');
  return { MALLOC_ARENA_MAX: m[1]! };
}

/** The environment without the variables glibc's malloc reads, and with `malloc` ones. */
function withMalloc(malloc: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('MALLOC_') && !k.startsWith('GLIBC_TUNABLES')));
  return { ...env, ...malloc };
}

function soak(bundle: string, options: object, env: NodeJS.ProcessEnv): Promise<Soaked> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', bundle, JSON.stringify(options)], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    // the kiosk's log mirrors to stderr: only its end is shown, when the soak fails
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err = (err + d).slice(-8000)));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!) as Soaked) : reject(new Error(`soak kiosk exited ${code}:\n${err}`))));
  });
}

export async function run(report: Report): Promise<void> {
  const sessions = Number(process.env.BENCH_SOAK_SESSIONS ?? 10_000);
  const every = Math.max(1, Math.floor(sessions / 10));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soak-bench-'));
  // the development flavour: the production one has no device simulators
  const bundle = await bundleForNode('bench/soak-kiosk.ts', path.join(dir, 'bundle'), { production: false });
  const central = await startCentralProcess(dir, [TERMINAL, PLAIN_TERMINAL]);
  const malloc = launcherMallocEnv();
  const mallocText = Object.entries(malloc)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  const series = (s: Soaked) => {
    for (const x of s.samples)
      process.stdout.write(
        `  session ${x.session}: rss ${(x.rss / MB).toFixed(1)} MB (anon ${(x.rssKinds.anon / MB).toFixed(1)}, file ${(x.rssKinds.file / MB).toFixed(1)}, shmem ${(x.rssKinds.shmem / MB).toFixed(1)}), heap ${(x.heap / MB).toFixed(1)} of ${(x.heapTotal / MB).toFixed(1)} MB, external ${(x.external / MB).toFixed(1)} MB, ${x.fds} fds, ${x.timers} timers; V8 resident ${(x.v8Physical / MB).toFixed(1)}, malloc in use ${(x.malloc.inUse / MB).toFixed(1)} free ${(x.malloc.free / MB).toFixed(1)} mmapped ${(x.malloc.mapped / MB).toFixed(1)}, ${Object.entries(
          x.anonBy,
        )
          .map(([k, v]) => `${k} ${(v / MB).toFixed(1)}`)
          .join(' ')}\n`,
      );
  };
  try {
    // first with glibc's own malloc settings (for comparison, no goal), then as a terminal runs it
    const plain = await soak(bundle, { dir: path.join(dir, 'kiosk-plain'), centralUrl: central.url, terminal: PLAIN_TERMINAL, sessions, every }, withMalloc({}));
    if (plain.dead) throw new Error(`central refused ${plain.dead} submissions`);
    process.stdout.write(`  with glibc's default malloc arenas:\n`);
    series(plain);
    const s = await soak(bundle, { dir: path.join(dir, 'kiosk'), centralUrl: central.url, terminal: TERMINAL, sessions, every }, withMalloc(malloc));
    if (s.dead) throw new Error(`central refused ${s.dead} submissions`);
    process.stdout.write(`  as the terminal's launcher starts the kiosk (${mallocText}):\n`);
    series(s);
    const first = s.samples[0]!;
    const last = s.samples.at(-1)!;
    const growth = last.rss / first.rss - 1;
    const plainGrowth = plain.samples.at(-1)!.rss / plain.samples[0]!.rss - 1;
    report(
      `RSS after ${last.session} citizen sessions (kiosk process)`,
      last.rss / MB,
      'MB',
      { name: `after session ${first.session}`, value: first.rss / MB },
      {
        text: `grows < 5% (${(growth * 100).toFixed(1)}% with ${mallocText}, as a terminal's launcher starts it; ${(plainGrowth * 100).toFixed(1)}% with glibc's defaults; ${s.submitted} submitted, ${s.withPageFiles} with page files, ${s.sent} sent; ${s.msPerSession.toFixed(0)} ms per session)`,
        met: growth < 0.05,
      },
    );
    report(`RSS after ${last.session} citizen sessions with glibc's default malloc arenas (kiosk process, for comparison)`, plain.samples.at(-1)!.rss / MB, 'MB', {
      name: `after session ${plain.samples[0]!.session} (${plain.msPerSession.toFixed(0)} ms per session)`,
      value: plain.samples[0]!.rss / MB,
    });
    // Timers and descriptors come and go with requests in flight (sync, heartbeat, printer: 5–10
    // timers sampled, a descriptor closes and opens again), so one sample says little. Flat: the
    // median of the later half of the run stays within what the first half already reached; a
    // leak keeps climbing past it, a request in flight does not stay.
    const half = Math.ceil(s.samples.length / 2);
    const median = (xs: Sample[], k: 'fds' | 'timers') => xs.map((x) => x[k]).sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const most = (xs: Sample[], k: 'fds' | 'timers') => Math.max(...xs.map((x) => x[k]));
    for (const [k, label] of [
      ['fds', 'open file descriptors'],
      ['timers', 'active timers'],
    ] as const) {
      const early = most(s.samples.slice(0, half), k);
      const late = median(s.samples.slice(half), k);
      report(
        `${label}, median of sessions ${s.samples[half]!.session}–${last.session}`,
        late,
        k,
        { name: `most up to session ${s.samples[half - 1]!.session}`, value: early },
        { text: 'flat', met: late <= early },
      );
    }
    report(
      `page files after ${last.session} sessions, drained`,
      s.pageFiles,
      'files',
      { name: 'submissions with page files', value: s.withPageFiles },
      {
        text: `none that no row names (${s.orphans} unnamed), inbox empty after every wipe`,
        met: s.orphans === 0,
      },
    );
  } finally {
    central.child.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
