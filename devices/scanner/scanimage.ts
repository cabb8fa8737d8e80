// Runs SANE's scanimage: lists devices, reads their options, scans single pages and ADF
// batches, and maps SANE's failures (jammed, cover open, no documents, busy, missing) to
// faults a citizen can act on. Always in the C locale so the messages parsed are English.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { err, ok, type Result } from '../../common/result';
import { spawnTracked, trackDir, untrackDir } from '../core/child-processes';

export interface SaneEnv {
  /** private SANE configuration (the simulator's), or null for the system's */
  configDir: string | null;
  binary?: string;
}

export interface ScanOptions {
  source: 'flatbed' | 'adf';
  mode: 'color' | 'gray';
  resolution: number;
  format: 'jpeg' | 'png';
  /** ADF: stop after this many pages (default: until the feeder is empty, at most 100) */
  maxPages?: number;
}

export interface ScannedPage {
  index: number;
  mime: 'image/jpeg' | 'image/png';
  bytes: Buffer;
}

export type ScanFaultKind = 'jammed' | 'cover-open' | 'no-documents' | 'busy' | 'not-found' | 'unavailable' | 'io-error' | 'error';
/** A scan that failed: the screens word `kind` (renderer/src/i18n/device-words.ts); `detail` is for the technician's log. */
export interface ScanFault {
  kind: ScanFaultKind;
  detail: string;
  /** pages scanned before the fault (an ADF batch that jammed on page 3 keeps pages 1–2) */
  pages: ScannedPage[];
}

const MAX_ADF_PAGES = 100;

export function fault(kind: ScanFaultKind, detail: string, pages: ScannedPage[] = []): ScanFault {
  return { kind, detail, pages };
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  spawnError: string | null;
}

// scanimage runs in its own process group (see below); none may outlive the kiosk process.
const live = new Set<() => void>();
process.once('exit', () => {
  for (const kill of live) kill();
});

function runScanimage(env: SaneEnv, args: string[], cwd: string, timeoutMs: number): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawnTracked('scanimage', env.binary ?? 'scanimage', args, {
      cwd,
      env: { ...process.env, LC_ALL: 'C', LANG: 'C', ...(env.configDir ? { SANE_CONFIG_DIR: env.configDir } : {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
      // own process group, so a backend's leftover reader process can be cleaned up with it
      detached: true,
      deathSignal: 'SIGKILL',
    });
    const killGroup = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    let stdout = '';
    let stderr = '';
    let failedAt: NodeJS.Timeout | null = null;
    live.add(killGroup);
    child.stdout!.on('data', (d: Buffer) => (stdout = (stdout + d.toString()).slice(-65536)));
    child.stderr!.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-65536);
      // Some backends report a failure (jam, cover open) and then never return to scanimage;
      // once SANE has said what went wrong, give it a moment to exit and then end it.
      if (!failedAt && /scanimage: sane_(read|start): /.test(stderr)) failedAt = setTimeout(killGroup, 3000);
    });
    const timer = setTimeout(killGroup, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      live.delete(killGroup);
      resolve({ code: null, stdout, stderr, spawnError: e.message });
    });
    // Some backends (SANE's test backend among them) fork a reader process that inherits our
    // pipes and can outlive scanimage after an error; wait for scanimage itself, then give the
    // pipes a moment to drain instead of waiting for every holder to close them.
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (failedAt) clearTimeout(failedAt);
      live.delete(killGroup);
      const done = () => {
        killGroup();
        child.stdout!.destroy();
        child.stderr!.destroy();
        resolve({ code, stdout, stderr, spawnError: null });
      };
      const grace = setTimeout(done, 200);
      child.once('close', () => {
        clearTimeout(grace);
        done();
      });
    });
  });
}

/** Devices SANE can see, e.g. ["test:0"]. */
export async function listDevices(env: SaneEnv): Promise<Result<string[], ScanFault>> {
  const r = await runScanimage(env, ['-L'], os.tmpdir(), 20_000);
  if (r.spawnError) return err(fault('unavailable', `scanimage: ${r.spawnError}`));
  return ok([...r.stdout.matchAll(/device `([^']+)'/g)].map((m) => m[1]!));
}

export interface DeviceOptions {
  sources: string[];
  modes: string[];
}

/** Reads the option values a device offers (source and mode names differ between backends). */
export async function deviceOptions(env: SaneEnv, device: string): Promise<Result<DeviceOptions, ScanFault>> {
  const r = await runScanimage(env, ['-d', device, '-A'], os.tmpdir(), 20_000);
  if (r.spawnError) return err(fault('unavailable', r.spawnError));
  if (r.code !== 0) return err(classify(r, []));
  const values = (opt: string) => {
    const line = r.stdout.split('\n').find((l) => l.trim().startsWith(`--${opt} `));
    const list =
      line
        ?.trim()
        .slice(opt.length + 3)
        .split(' [')[0] ?? '';
    return list ? list.split('|').map((s) => s.trim()) : [];
  };
  return ok({ sources: values('source'), modes: values('mode') });
}

function classify(r: Run, pages: ScannedPage[]): ScanFault {
  const text = r.stderr;
  const detail =
    text
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('scanimage:'))
      .join(' ') ||
    text.trim().slice(-300) ||
    `exit ${r.code}`;
  if (/jammed/i.test(text) || r.code === 6) return fault('jammed', detail, pages);
  if (/cover is open/i.test(text) || r.code === 8) return fault('cover-open', detail, pages);
  if (/out of documents/i.test(text) || r.code === 7) return fault('no-documents', detail, pages);
  if (/busy/i.test(text) || r.code === 3) return fault('busy', detail, pages);
  if (/open of device .* failed|no SANE devices/i.test(text)) return fault('not-found', detail, pages);
  if (/I\/O|Error during device/i.test(text) || r.code === 9) return fault('io-error', detail, pages);
  return fault('error', detail, pages);
}

function pick(available: string[], wanted: RegExp, fallback: string): string {
  return available.find((v) => wanted.test(v)) ?? fallback;
}

export async function scan(env: SaneEnv, device: string, opts: ScanOptions, options: DeviceOptions): Promise<Result<ScannedPage[], ScanFault>> {
  // scanned pages of a citizen's documents: removed here, or by the next start after a crash
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-scan-'));
  trackDir(dir);
  try {
    const ext = opts.format === 'jpeg' ? 'jpg' : 'png';
    const mode = opts.mode === 'color' ? pick(options.modes, /colou?r/i, 'Color') : pick(options.modes, /gr[ae]y/i, 'Gray');
    const args = ['-d', device, `--format=${opts.format}`, '--mode', mode, '--resolution', String(opts.resolution), '-x', '210', '-y', '297'];
    if (opts.source === 'adf') {
      const adf = options.sources.find((s) => /feeder|adf/i.test(s));
      if (!adf) return err(fault('error', `device ${device} has no document feeder (sources: ${options.sources.join(', ') || 'none'})`));
      args.push('--source', adf, `--batch=page%03d.${ext}`);
      // a feeder that never reports empty must not scan forever
      args.push(`--batch-count=${opts.maxPages ?? MAX_ADF_PAGES}`);
    } else {
      const flatbed = options.sources.find((s) => /flatbed/i.test(s));
      if (flatbed) args.push('--source', flatbed);
      args.push('-o', `page001.${ext}`);
    }
    const r = await runScanimage(env, args, dir, 5 * 60_000);
    if (r.spawnError) return err(fault('unavailable', `scanimage: ${r.spawnError}`));
    // A page whose status line says it failed is a partial image: not kept.
    const failedPages = new Set([...r.stderr.matchAll(/Scanned page (\d+)\. \(scanner status = (\d+)\)/g)].filter((m) => m[2] !== '5').map((m) => Number(m[1])));
    const pages: ScannedPage[] = fs
      .readdirSync(dir)
      .filter((f) => f.startsWith('page') && f.endsWith(`.${ext}`))
      .sort()
      .map((f) => ({ f, n: Number(/page(\d+)/.exec(f)![1]) }))
      .filter(({ f, n }) => !failedPages.has(n) && fs.statSync(path.join(dir, f)).size > 0)
      .map(({ f }, i) => ({ index: i + 1, mime: opts.format === 'jpeg' ? ('image/jpeg' as const) : ('image/png' as const), bytes: fs.readFileSync(path.join(dir, f)) }));
    // An ADF batch ends with "sane_start: … out of documents" (exit 7 when --batch-count was
    // given): the feeder is empty, which after at least one page is success, not a fault.
    const feederEmptied = opts.source === 'adf' && pages.length > 0 && /sane_start: Document feeder out of documents/.test(r.stderr);
    const otherFault = /sane_read: |sane_start: (?!Document feeder out of documents)/.test(r.stderr);
    if (otherFault || (r.code !== 0 && !feederEmptied)) return err(classify(r, pages));
    if (pages.length === 0) return err(fault('no-documents', r.stderr.trim().slice(-300) || 'no pages', pages));
    return ok(pages);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    untrackDir(dir);
  }
}
