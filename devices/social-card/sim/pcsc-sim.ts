// The social security card reader at the wire level: a private pcscd with the vpcd driver
// (vsmartcard-vpcd) and the virtual card (vicc_social_card.py, python3-virtualsmartcard). The
// kiosk's real PC/SC driver talks to it through libpcsclite, as to a reader in a hall.
//  - pcscd runs in its own mount namespace (`unshare`, root) with /run/pcscd bound to a temp
//    folder: its socket path is compiled in, the client library's is PCSCLITE_CSOCK_NAME, which
//    the library reads once per process, so one process has one private pcscd (same folder).
//  - insert = a vicc process connected to vpcd's port; remove = that process ended;
//    no reader = pcscd restarted without the vpcd reader; wrong card = a card without the
//    social-security application; garbage = a card that answers random bytes.
import type { ChildProcess } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { err, ok, type Result } from '../../../common/result';
import { spawnTracked, trackDir, untrackDir } from '../../core/child-processes';
import { GENDER_CODE } from '../../id-card/codes';
import { SSC_PROFILES } from '../ssc-profile';
import { encodeSocialCard, type SocialCardIdentity } from '../ssc-records';

const here = path.dirname(fileURLToPath(import.meta.url));
const VPCD_DRIVER = '/usr/lib/pcsc/drivers/serial/libifdvpcd.so';
/** ATR of a T=1 contact card with historical bytes "SSC" (the simulator's own; real cards vary) */
const SIM_ATR = '3b8380015353434b';

export type SimSocialCard = { identity: SocialCardIdentity } | { kind: 'wrong-card' } | { kind: 'garbage' };

let owner: PcscSim | null = null;

export function pcscSimAvailable(): Result<void, string> {
  const missing = ['/usr/sbin/pcscd', VPCD_DRIVER, '/usr/bin/python3', '/usr/lib/python3/site-packages/virtualsmartcard', '/usr/bin/unshare'].filter((p) => !fs.existsSync(p));
  if (missing.length) return err(`PC/SC simulator needs pcscd, vsmartcard-vpcd, python3-virtualsmartcard: missing ${missing.join(', ')}`);
  if (process.getuid?.() !== 0) return err('PC/SC simulator runs a private pcscd in a mount namespace: needs root');
  return ok(undefined);
}

/** A free port whose successor is free too (vpcd listens on both, one per virtual reader). */
async function freePortPair(): Promise<number> {
  const listenOn = (port: number) =>
    new Promise<number | null>((resolve) => {
      const s = net.createServer();
      s.once('error', () => resolve(null));
      s.listen(port, '0.0.0.0', () => {
        const got = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(got));
      });
    });
  for (;;) {
    const port = await listenOn(0);
    if (port !== null && port < 65535 && (await listenOn(port + 1)) !== null) return port;
  }
}

function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const until = Date.now() + ms;
    const tick = () => {
      if (check()) return resolve(true);
      if (Date.now() > until) return resolve(false);
      setTimeout(tick, 25);
    };
    tick();
  });
}

function ended(proc: ChildProcess): Promise<void> {
  return proc.exitCode !== null || proc.signalCode !== null ? Promise.resolve() : new Promise((resolve) => proc.once('exit', () => resolve()));
}

export class PcscSim {
  private pcscd: ChildProcess | null = null;
  private vicc: ChildProcess | null = null;
  private readerPresent = true;

  private constructor(
    readonly dir: string,
    /** vpcd's port for its first reader (the second listens on port + 1) */
    readonly port: number,
  ) {}

  /** The reader's name as pcsc-lite lists it. */
  static readonly READER = 'Virtual PCD 00 00';

  /** pcscd's socket, which the client library must be pointed at */
  get socketPath(): string {
    return path.join(this.dir, 'run', 'pcscd.comm');
  }

  /** Starts the private pcscd and points this process's PC/SC client at it. */
  static async start(): Promise<Result<PcscSim, string>> {
    const can = pcscSimAvailable();
    if (!can.ok) return can;
    if (owner) return err('one PC/SC simulator per process (the client library keeps its first socket path)');
    const dir = path.join(os.tmpdir(), `kiosk-pcsc-${process.pid}`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(path.join(dir, 'run'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'conf'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'empty-conf'), { recursive: true });
    trackDir(dir);
    const sim = new PcscSim(dir, await freePortPair());
    const hex = `0x${sim.port.toString(16)}`;
    fs.writeFileSync(path.join(dir, 'conf', 'vpcd'), `FRIENDLYNAME "Virtual PCD"\nDEVICENAME /dev/null:${hex}\nLIBPATH ${VPCD_DRIVER}\nCHANNELID ${hex}\n`);
    process.env.PCSCLITE_CSOCK_NAME = sim.socketPath;
    owner = sim;
    const started = await sim.startDaemon();
    if (!started.ok) {
      await sim.close();
      return started;
    }
    return ok(sim);
  }

  private async startDaemon(): Promise<Result<void, string>> {
    fs.rmSync(this.socketPath, { force: true });
    const conf = path.join(this.dir, this.readerPresent ? 'conf' : 'empty-conf');
    const run = path.join(this.dir, 'run');
    // no fork anywhere: setpriv → unshare → sh → exec pcscd keep one PID, which dies with us
    const proc = spawnTracked(
      'pcscd',
      'unshare',
      ['--mount', '--propagation', 'private', 'sh', '-c', 'mkdir -p /run/pcscd && mount --bind "$1" /run/pcscd && exec pcscd --foreground -c "$2"', 'sh', run, conf],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let log = '';
    proc.stderr!.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-2000)));
    this.pcscd = proc;
    proc.once('exit', () => {
      if (this.pcscd === proc) this.pcscd = null;
    });
    const up = await waitFor(() => fs.existsSync(this.socketPath) || this.pcscd !== proc, 5000);
    if (!up || this.pcscd !== proc) {
      proc.kill('SIGKILL');
      return err(`pcscd did not start: ${log.trim()}`);
    }
    if (this.readerPresent && !(await this.vpcdListening())) return err(`vpcd did not listen on ${this.port}: ${log.trim()}`);
    return ok(undefined);
  }

  private async vpcdListening(): Promise<boolean> {
    return waitFor(() => spawnSync('ss', ['-Hltn', `sport = :${this.port}`], { encoding: 'utf8' }).stdout.trim().length > 0, 5000);
  }

  private async stopDaemon(): Promise<void> {
    const p = this.pcscd;
    if (!p) return;
    p.kill('SIGTERM');
    await Promise.race([ended(p), new Promise((r) => setTimeout(r, 3000))]);
    if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
    await ended(p);
  }

  get readerPlugged(): boolean {
    return this.readerPresent && this.pcscd !== null;
  }

  get cardInserted(): boolean {
    return this.vicc !== null;
  }

  /** Puts a card in the reader (a card already there is taken out first). */
  async insert(card: SimSocialCard): Promise<Result<void, string>> {
    await this.remove();
    if (!this.readerPresent) return err('no reader');
    const file = path.join(this.dir, 'card.json');
    const profile = SSC_PROFILES['mohrss-v2'];
    const aid = 'kind' in card && card.kind === 'wrong-card' ? Buffer.from('A000000003000000', 'hex') : Buffer.from(profile.aid);
    const files: Record<string, Record<string, string>> = {};
    if ('identity' in card) {
      const records = encodeSocialCard(profile, card.identity, GENDER_CODE[card.identity.gender]);
      for (const f of profile.files) {
        files[f.fid.toString(16)] = Object.fromEntries(f.fields.filter((x) => records.has(x.tag)).map((x) => [String(x.tag), Buffer.from(records.get(x.tag)!).toString('hex')]));
      }
    }
    fs.writeFileSync(file, JSON.stringify({ atr: SIM_ATR, aid: aid.toString('hex'), files, mode: 'kind' in card && card.kind === 'garbage' ? 'garbage' : 'ok' }));
    const proc = spawnTracked('vicc', '/usr/bin/python3', [path.join(here, 'vicc_social_card.py'), '--port', String(this.port), '--card', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.vicc = proc;
    proc.once('exit', () => {
      if (this.vicc === proc) this.vicc = null;
    });
    let log = '';
    proc.stderr!.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-2000)));
    const inserted = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 5000);
      proc.stdout!.on('data', (d: Buffer) => {
        if (d.toString().includes('inserted')) {
          clearTimeout(timer);
          resolve(true);
        }
      });
      proc.once('exit', () => {
        clearTimeout(timer);
        resolve(false);
      });
    });
    if (!inserted) {
      proc.kill('SIGKILL');
      return err(`virtual card did not connect: ${log.trim()}`);
    }
    return ok(undefined);
  }

  /**
   * Takes the card out, and returns once pcscd has seen it go: vpcd closes its end of the card's
   * connection when its presence poll finds the card gone. Without this wait, a card put in right
   * after (insert() removes first) connected while pcscd still reported the old card present, and
   * the driver's SCardTransmit to that stale card failed (SCARD_E_NOT_TRANSACTED) before the new
   * card saw any APDU. A person cannot swap cards faster than the reader polls.
   */
  async remove(): Promise<void> {
    const p = this.vicc;
    if (!p) return;
    p.kill('SIGTERM');
    await ended(p);
    if (this.pcscd) await waitFor(() => !this.vpcdConnected(), 5000);
  }

  /** vpcd still holds a connection to a virtual card (established, or closed by the card only). */
  private vpcdConnected(): boolean {
    return spawnSync('ss', ['-Htn', `sport = :${this.port}`], { encoding: 'utf8' }).stdout.trim().length > 0;
  }

  /** Unplugs the reader (pcscd restarted without it) or plugs it back. */
  async setReaderPresent(present: boolean): Promise<Result<void, string>> {
    if (present === this.readerPresent && this.pcscd) return ok(undefined);
    await this.remove();
    await this.stopDaemon();
    this.readerPresent = present;
    return this.startDaemon();
  }

  /** Stops pcscd altogether (the service is down) until setReaderPresent. */
  async stopService(): Promise<void> {
    await this.remove();
    await this.stopDaemon();
  }

  async close(): Promise<void> {
    await this.remove();
    await this.stopDaemon();
    fs.rmSync(this.dir, { recursive: true, force: true });
    untrackDir(this.dir);
    if (owner === this) owner = null;
  }
}
