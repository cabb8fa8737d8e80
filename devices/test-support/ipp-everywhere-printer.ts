// A driverless A4 printer for tests: CUPS's `ippeveprinter` (Debian cups-ipp-utils), an IPP
// Everywhere printer that keeps every job it receives. It refuses to start without DNS-SD, so it
// gets its own `dbus-daemon` (a private "system" bus in a temp folder) and its own `avahi-daemon`
// on that bus, which advertises it over mDNS; `ippfind` run with `env` finds it there. Nothing
// depends on the machine's own dbus or avahi (but none may run: avahi allows one per machine).
// stop() ends all three and removes the folder.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { waitFor } from './wait';

export interface IppEverywherePrinter {
  /** the printer's URI by loopback address */
  uri: string;
  /** its DNS-SD instance name */
  name: string;
  /** DBUS_SYSTEM_BUS_ADDRESS of the private bus: ippfind needs it to reach the private avahi */
  env: NodeJS.ProcessEnv;
  /** documents it received (kept by -k) */
  jobFiles(): string[];
  stop(): Promise<void>;
}

const BUS_CONF = (socket: string) => `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path=${socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <allow own="*"/>
    <allow send_destination="*"/>
    <allow receive_sender="*"/>
  </policy>
</busconfig>
`;

// loopback has no multicast flag, so avahi publishes on the first interface that has one
const AVAHI_CONF = `[server]
use-ipv4=yes
use-ipv6=no
[publish]
publish-workstation=no
publish-hinfo=no
`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function accepts(target: { path: string } | { port: number; host: string }): Promise<boolean> {
  return new Promise((resolve) => {
    const c = net.createConnection(target);
    c.once('connect', () => {
      c.destroy();
      resolve(true);
    });
    c.once('error', () => resolve(false));
  });
}

async function end(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await gone;
  clearTimeout(timer);
}

// avahi-daemon's pid file and socket are at fixed paths (/run/avahi-daemon/): one per machine, so
// test files running in parallel take turns. The lock is a directory (mkdir is atomic) naming
// its holder; a holder that died leaves it stale and the next one takes it over.
const LOCK = '/tmp/kiosk-private-avahi.lock';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function takeAvahiLock(timeoutMs = 180_000): Promise<() => void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      fs.writeFileSync(path.join(LOCK, 'pid'), String(process.pid));
      let held = true;
      return () => {
        if (held) fs.rmSync(LOCK, { recursive: true, force: true });
        held = false;
      };
    } catch {
      let holder = NaN;
      try {
        holder = Number(fs.readFileSync(path.join(LOCK, 'pid'), 'utf8'));
      } catch {
        // being created or removed right now: look again
      }
      if (Number.isInteger(holder) && holder > 0 && !alive(holder)) fs.rmSync(LOCK, { recursive: true, force: true });
      else if (Date.now() > until) throw new Error(`another test's private avahi-daemon has run for ${timeoutMs / 1000} s (lock ${LOCK}, pid ${holder})`);
      else await new Promise((r) => setTimeout(r, 250));
    }
  }
}

export async function startIppEverywherePrinter(name = 'Kiosk Test A4'): Promise<IppEverywherePrinter> {
  const unlock = await takeAvahiLock();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-ippeve-'));
  const socket = path.join(dir, 'bus.sock');
  const spool = path.join(dir, 'spool');
  fs.mkdirSync(spool);
  fs.writeFileSync(path.join(dir, 'bus.conf'), BUS_CONF(socket));
  fs.writeFileSync(path.join(dir, 'avahi.conf'), AVAHI_CONF);
  const env = { ...process.env, DBUS_SYSTEM_BUS_ADDRESS: `unix:path=${socket}` };
  const children: ChildProcess[] = [];
  const log = (n: string) => fs.openSync(path.join(dir, `${n}.log`), 'w');
  const stop = async () => {
    for (const c of children.reverse()) await end(c);
    fs.rmSync(dir, { recursive: true, force: true });
    unlock();
  };
  let port = 0;
  try {
    children.push(spawn('dbus-daemon', ['--nofork', `--config-file=${path.join(dir, 'bus.conf')}`], { stdio: ['ignore', log('dbus'), log('dbus-err')] }));
    await waitFor(() => accepts({ path: socket }), 10_000, 'private dbus-daemon');
    children.push(spawn('avahi-daemon', ['-f', path.join(dir, 'avahi.conf'), '--no-drop-root', '--no-chroot', '--no-rlimits'], { env, stdio: ['ignore', log('avahi'), log('avahi-err')] }));
    await waitFor(
      () => (fs.readFileSync(path.join(dir, 'avahi.log'), 'utf8') + fs.readFileSync(path.join(dir, 'avahi-err.log'), 'utf8')).includes('Server startup complete') || children[1]!.exitCode !== null,
      15_000,
      'private avahi-daemon',
    );
    if (children[1]!.exitCode !== null) throw new Error(`avahi-daemon exited: ${fs.readFileSync(path.join(dir, 'avahi-err.log'), 'utf8').trim()}`);
    port = await freePort();
    children.push(
      spawn('ippeveprinter', ['-p', String(port), '-f', 'application/pdf', '-d', spool, '-k', '-m', 'Everywhere Test', name], { env, stdio: ['ignore', log('ippeve'), log('ippeve-err')] }),
    );
    await waitFor(async () => children[2]!.exitCode !== null || (await accepts({ port, host: '127.0.0.1' })), 15_000, 'ippeveprinter');
    if (children[2]!.exitCode !== null) throw new Error(`ippeveprinter exited: ${fs.readFileSync(path.join(dir, 'ippeve-err.log'), 'utf8').trim()}`);
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    uri: `ipp://127.0.0.1:${port}/ipp/print`,
    name,
    env,
    jobFiles: () => listFiles(spool),
    stop,
  };
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out;
}
