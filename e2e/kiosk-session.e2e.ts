// The locked session for real, as far as a machine without a screen allows: cage (wlroots'
// headless backend, no DRM, no input devices) runs the session launcher of
// build/linux/session/gov-kiosk-session as an unprivileged user; the launcher starts the
// headless host on Node ≥ 22.12, which opens Chromium in kiosk mode as a native Wayland client
// of cage; the kiosk page loads from the loopback backend and connects to its event stream
// (seen on the kiosk's own metrics port as an open kiosk window). When the kiosk window ends,
// the host and cage end with a failure, which is what makes systemd restart the session.
//
// What it cannot prove: a real display and touch input (DRM/KMS, libinput), logind giving the
// seat to the session (PAMName=gov-kiosk, uaccess), tty1 and the units' start-limit and
// out-of-service sequence under a running systemd — build/kiosk-session.test.ts checks those
// files with systemd-analyze, systemd-sysusers and the udev rule parser.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from './harness/paths';

const NOBODY = { uid: 65534, gid: 65534 };
let session: ChildProcess | null = null;
let tmp: string | null = null;

afterEach(async () => {
  if (session?.pid && session.exitCode === null && session.signalCode === null) {
    const ended = new Promise((r) => session!.once('exit', r));
    // the whole group: cage, the launcher's node host, Chromium and the simulators
    process.kill(-session.pid, 'SIGTERM');
    const timer = setTimeout(() => session?.pid && process.kill(-session.pid, 'SIGKILL'), 10_000);
    await ended;
    clearTimeout(timer);
  }
  session = null;
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  tmp = null;
});

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as net.AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

/** Descendants of a process, from /proc. */
function descendants(pid: number): number[] {
  const direct = children(pid);
  return [...direct, ...direct.flatMap(descendants)];
}

/** Children of a process, from /proc. */
function children(pid: number): number[] {
  const out: number[] = [];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) out.push(Number(d));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}
const cmdline = (pid: number) => fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
const environ = (pid: number) => fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');

async function uiStreams(port: number): Promise<number | null> {
  try {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith('kiosk_ui_streams '));
    return line ? Number(line.split(' ')[1]) : null;
  } catch {
    return null;
  }
}

describe('locked session under cage', () => {
  it('starts the kiosk in Chromium as cage’s Wayland client, unprivileged, and ends the session when the kiosk window ends', async () => {
    // under /tmp itself: the run sandbox's TMPDIR is root's alone (0700), which the session's
    // unprivileged user could not enter; afterEach removes it
    tmp = fs.mkdtempSync(path.join(process.getuid?.() === 0 ? '/tmp' : os.tmpdir(), 'kiosk-cage-'));
    const asRoot = process.getuid?.() === 0;
    const runtime = path.join(tmp, 'runtime');
    const data = path.join(tmp, 'data');
    for (const d of [runtime, data, path.join(tmp, 'tmp')]) fs.mkdirSync(d, { mode: 0o700 });
    // cage refuses to run as root, like the unit's User=gov-kiosk
    if (asRoot) for (const d of [tmp, runtime, data, path.join(tmp, 'tmp')]) fs.chownSync(d, NOBODY.uid, NOBODY.gid);

    // The launcher runs `$KIOSK_NODE dist/main/headless.mjs --open --session` from the production
    // install; here the same host runs from the source tree (this Node, through tsx).
    const node = path.join(tmp, 'node');
    fs.writeFileSync(node, `#!/bin/sh\nif [ "$1" = "-e" ]; then exec ${process.execPath} "$@"; fi\nshift\nexec ${process.execPath} --import tsx main/backend/host/headless.ts "$@"\n`, { mode: 0o755 });
    const metricsPort = await freePort();
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: data,
      TMPDIR: path.join(tmp, 'tmp'),
      XDG_RUNTIME_DIR: runtime,
      WLR_BACKENDS: 'headless',
      WLR_LIBINPUT_NO_DEVICES: '1',
      WLR_RENDERER: 'pixman',
      KIOSK_HOST: 'chromium',
      KIOSK_NODE: node,
      KIOSK_HEADLESS_HOME: ROOT,
      KIOSK_DATA_DIR: data,
      KIOSK_CONFIG: path.join(tmp, 'none.json'),
      KIOSK_METRICS_PORT: String(metricsPort),
      ...(process.env.KIOSK_CI_RUN ? { KIOSK_CI_RUN: process.env.KIOSK_CI_RUN } : {}),
    };
    const launcher = path.join(ROOT, 'build', 'linux', 'session', 'gov-kiosk-session');
    // as the unit starts it: gov-kiosk-cage runs cage and exits with the kiosk's status
    const cage = [path.join(ROOT, 'build', 'linux', 'session', 'gov-kiosk-cage'), launcher];
    const [cmd, ...args] = asRoot ? ['setpriv', `--reuid=${NOBODY.uid}`, `--regid=${NOBODY.gid}`, '--clear-groups', '--', ...cage] : cage;
    let output = '';
    session = spawn(cmd!, args, { cwd: tmp, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    session.stdout!.on('data', (d) => (output += d));
    session.stderr!.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((r) => session!.once('exit', (code) => r(code)));

    // the kiosk page is up in Chromium and listening to the backend
    // (a loaded CI machine needs a minute: embedded central, simulators, Chromium's first start)
    const deadline = Date.now() + 180_000;
    let streams: number | null = null;
    while ((streams ?? 0) < 1 && Date.now() < deadline && session.exitCode === null) {
      await new Promise((r) => setTimeout(r, 1000));
      streams = await uiStreams(metricsPort);
    }
    expect(streams ?? 0, `no kiosk window connected; session output:\n${output.slice(-3000)}`).toBeGreaterThanOrEqual(1);

    // cage → the launcher, exec'd into the node host → Chromium, a Wayland client in kiosk mode
    // gov-kiosk-cage → cage → the launcher → the node host → Chromium
    const tree = descendants(session.pid!);
    expect(tree.some((p) => cmdline(p)[0] === 'cage')).toBe(true);
    const hostPid = tree.find((p) => cmdline(p).some((a) => a.endsWith('headless.ts')));
    expect(hostPid, `session processes: ${tree.map((p) => cmdline(p).join(' ')).join(' | ')}`).toBeDefined();
    expect(cmdline(hostPid!)).toContain('--session');
    const browser = children(hostPid!).find((p) => cmdline(p).some((a) => a === '--kiosk'));
    expect(browser).toBeDefined();
    expect(cmdline(browser!)).toContain('--ozone-platform=wayland');
    expect(environ(browser!).find((e) => e.startsWith('WAYLAND_DISPLAY='))).toMatch(/^WAYLAND_DISPLAY=wayland-\d+$/);
    const uid = Number(/^Uid:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${browser}/status`, 'utf8'))![1]);
    expect(uid).not.toBe(0);

    // the kiosk window dies: the host ends, cage ends, with a failure systemd restarts on
    process.kill(browser!, 'SIGKILL');
    const code = await Promise.race([exited, new Promise<'still running'>((r) => setTimeout(() => r('still running'), 30_000))]);
    expect(output).toContain('the kiosk window ended');
    expect(code).not.toBe('still running');
    expect(code).not.toBe(0);
  }, 300_000);
});
