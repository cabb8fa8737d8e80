// The A4 printer's simulator is a real CUPS queue printing to PDF files (cups-pdf): the real
// driver submits over IPP, CUPS runs its filters, and tests read the result back. This module
// starts cupsd when needed, creates the queue, finds cups-pdf's output and injects faults
// (queue stopped, printer removed). Needs root, like any lpadmin.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { err, ok, type Result } from '../../common/result';
import { spawnTracked } from '../core/child-processes';
import { IppClient } from './ipp-client';
import { IppStatus } from './ipp-codec';

const PPD = 'lsb/usr/cups-pdf/CUPS-PDF_opt.ppd';
const CUPS_PDF_CONF = '/etc/cups/cups-pdf.conf';

function has(bin: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' }).status === 0;
}

function run(cmd: string, args: string[]): Result<string, string> {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 15_000 });
  if (r.error) return err(`${cmd}: ${r.error.message}`);
  if (r.status !== 0) return err(`${cmd} ${args.join(' ')} → ${r.status}: ${(r.stderr || r.stdout).trim()}`);
  return ok(r.stdout);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** cups-pdf's output directory for jobs submitted by this process's user. */
export function cupsPdfOutputDir(conf = CUPS_PDF_CONF): string {
  let out = '/var/spool/cups-pdf/${USER}';
  try {
    const line = fs
      .readFileSync(conf, 'utf8')
      .split('\n')
      .find((l) => /^Out\s+/.test(l));
    if (line) out = line.replace(/^Out\s+/, '').trim();
  } catch {
    // default above
  }
  const user = os.userInfo();
  return out.replaceAll('${HOME}', user.homedir).replaceAll('${USER}', user.username);
}

async function reachable(client: IppClient, queue: string): Promise<'up' | 'down'> {
  const r = await client.getPrinter(queue);
  return r.ok || r.error.kind === 'protocol' ? 'up' : 'down';
}

export class CupsPdfSim {
  private constructor(
    readonly queue: string,
    readonly outputDir: string,
    private readonly client: IppClient,
  ) {}

  /** Makes sure cupsd runs and the cups-pdf queue exists and accepts jobs. */
  static async ensure(queue: string, client = new IppClient()): Promise<Result<CupsPdfSim, string>> {
    if (!has('cupsd') || !has('lpadmin')) return err('未安装 CUPS / CUPS (cupsd, lpadmin) is not installed');
    if (!fs.existsSync('/usr/lib/cups/backend/cups-pdf')) return err('未安装 cups-pdf / printer-driver-cups-pdf is not installed');
    if ((await reachable(client, queue)) === 'down') {
      // No cupsd running: this one is the simulator's, not the system's. It stays in the
      // foreground as a tracked child, so it ends with this process and a crash's leftover is
      // ended by the next start (a system cupsd that was already running is used as it is).
      const child = spawnTracked('cupsd', 'cupsd', ['-f'], { stdio: 'ignore' });
      child.on('error', () => undefined);
      child.unref();
      for (let i = 0; i < 50 && (await reachable(client, queue)) === 'down'; i++) await sleep(100);
      if ((await reachable(client, queue)) === 'down') return err('cupsd 无法启动 / cupsd did not start (are we root?)');
    }
    const sim = new CupsPdfSim(queue, cupsPdfOutputDir(), client);
    const made = await sim.replug();
    return made.ok ? ok(sim) : made;
  }

  /** Creates the queue if it is missing and makes sure it is enabled and accepting. */
  async replug(): Promise<Result<void, string>> {
    const p = await this.client.getPrinter(this.queue);
    if (p.ok && p.value.code === IppStatus.notFound) {
      const r = run('lpadmin', ['-p', this.queue, '-E', '-v', 'cups-pdf:/', '-m', PPD, '-o', 'PageSize=A4']);
      if (!r.ok) return r;
    }
    const e = run('cupsenable', [this.queue]);
    if (!e.ok) return e;
    const a = run('cupsaccept', [this.queue]);
    return a.ok ? ok(undefined) : a;
  }

  /** The queue stops, as when the printer reports a fault (IPP printer-state "stopped"). */
  stop(reason: string): Result<string, string> {
    return run('cupsdisable', ['-r', reason, this.queue]);
  }

  resume(): Result<string, string> {
    return run('cupsenable', [this.queue]);
  }

  /** The printer disappears from CUPS altogether. */
  unplug(): Result<string, string> {
    return run('lpadmin', ['-x', this.queue]);
  }

  /** Path of the PDF cups-pdf wrote for a job (its Label setting appends "-job_N"). */
  async outputFor(jobId: number, timeoutMs = 10_000): Promise<string | null> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      try {
        const hit = fs.readdirSync(this.outputDir).find((f) => f.endsWith(`-job_${jobId}.pdf`) || f.startsWith(`job_${jobId}-`));
        if (hit) {
          const full = path.join(this.outputDir, hit);
          // cups-pdf writes, then chmods; wait until the file stops growing
          const size = fs.statSync(full).size;
          await sleep(100);
          if (size > 0 && fs.statSync(full).size === size) return full;
        }
      } catch {
        // directory appears with the first job
      }
      await sleep(100);
    }
    return null;
  }
}
