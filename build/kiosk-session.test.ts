// The locked OS session's files (build/linux/session/): systemd accepts the units, they restart
// the kiosk with a limit and end on the out-of-service screen (never a desktop or a login
// prompt), the kiosk user is created unprivileged by systemd-sysusers, and the udev rules give
// that user its devices. That cage really starts the session and Chromium reaches the kiosk is
// e2e/kiosk-session.e2e.ts.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const dir = path.join(import.meta.dirname, 'linux', 'session');
const read = (f: string) => fs.readFileSync(path.join(dir, f), 'utf8');
let tmp: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-session-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function directives(unit: string, section: string): Map<string, string[]> {
  const body = unit.split(/^\[/m).find((s) => s.startsWith(`${section}]`)) ?? '';
  const m = new Map<string, string[]>();
  for (const line of body.split('\n').slice(1)) {
    const kv = /^([A-Za-z]+)=(.*)$/.exec(line.trim());
    if (kv) m.set(kv[1]!, [...(m.get(kv[1]!) ?? []), kv[2]!]);
  }
  return m;
}
const one = (m: Map<string, string[]>, key: string) => m.get(key)?.at(-1);

describe('systemd units', () => {
  it('pass systemd-analyze verify with no warning (a broken copy does not)', () => {
    // the units name the launchers where the package installs them; here they are at their source path
    const installed = (unit: string) => unit.replaceAll('/usr/lib/gov-kiosk/', `${dir}/`);
    for (const f of ['gov-kiosk-session.service', 'gov-kiosk-out-of-service.service']) fs.writeFileSync(path.join(tmp, f), installed(read(f)));
    const ok = spawnSync('systemd-analyze', ['verify', '--man=no', './gov-kiosk-session.service', './gov-kiosk-out-of-service.service'], { cwd: tmp, encoding: 'utf8' });
    expect(ok.stderr + ok.stdout).toBe('');
    expect(ok.status).toBe(0);
    // the check has teeth: a misspelt directive and a missing compositor are reported
    fs.writeFileSync(
      path.join(tmp, 'gov-kiosk-session.service'),
      installed(read('gov-kiosk-session.service')).replace('RestartSec=5', 'RestartSecs=5').replace(`${dir}/gov-kiosk-cage`, '/usr/bin/no-such-cage'),
    );
    const bad = spawnSync('systemd-analyze', ['verify', '--man=no', './gov-kiosk-session.service', './gov-kiosk-out-of-service.service'], { cwd: tmp, encoding: 'utf8' });
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain("Unknown key 'RestartSecs'");
    expect(bad.stderr).toContain('/usr/bin/no-such-cage is not executable');
  });

  it('runs the kiosk as its own unprivileged user inside cage on tty1, with VT switching off', () => {
    for (const f of ['gov-kiosk-session.service', 'gov-kiosk-out-of-service.service']) {
      const s = directives(read(f), 'Service');
      expect(one(s, 'User'), f).toBe('gov-kiosk');
      expect(one(s, 'PAMName'), f).toBe('gov-kiosk');
      expect(one(s, 'TTYPath'), f).toBe('/dev/tty1');
      // cage's -s would allow Ctrl+Alt+Fn to another VT
      expect(one(s, 'ExecStart'), f).toMatch(/^\/usr\/lib\/gov-kiosk\/gov-kiosk-cage \/usr\/lib\/gov-kiosk\/gov-kiosk-[a-z-]+$/);
      expect(directives(read(f), 'Unit').get('Conflicts')?.join(' '), f).toContain('getty@tty1.service');
    }
    expect(directives(read('gov-kiosk-session.service'), 'Install').get('WantedBy')).toEqual(['graphical.target']);
    expect(read('gov-kiosk-cage')).toMatch(/^KIOSK_EXIT_FILE="\$exit_file" cage -d -- "\$@"$/m);
  });

  it('hands the kiosk’s exit status through cage (which exits 0 whatever its client did) to systemd', () => {
    // a stand-in cage that, like cage 0.1.x, runs its client and exits 0
    const bin = path.join(tmp, 'fake-cage-bin');
    fs.mkdirSync(bin, { recursive: true });
    fs.writeFileSync(path.join(bin, 'cage'), '#!/bin/sh\nshift 2\n"$@"\nexit 0\n', { mode: 0o755 });
    const client = path.join(tmp, 'client');
    const run = (code: number) => {
      fs.writeFileSync(client, `#!/bin/sh\necho ${code} > "$KIOSK_EXIT_FILE"\nexit ${code}\n`, { mode: 0o755 });
      return spawnSync('sh', [path.join(dir, 'gov-kiosk-cage'), client], { env: { PATH: `${bin}:${process.env.PATH}`, XDG_RUNTIME_DIR: tmp } }).status;
    };
    expect(run(78)).toBe(78); // config error: no restart, out of service
    expect(run(1)).toBe(1); // crash: restart
    expect(run(0)).toBe(0); // the out-of-service page's time is up: OnSuccess starts the kiosk
    fs.writeFileSync(client, '#!/bin/sh\nkill -9 $$\n', { mode: 0o755 });
    expect(spawnSync('sh', [path.join(dir, 'gov-kiosk-cage'), client], { env: { PATH: `${bin}:${process.env.PATH}`, XDG_RUNTIME_DIR: tmp } }).status).toBe(1);
  });

  it('restarts a crashed kiosk a few times, then shows out of service — at once for a config error — and tries again later', () => {
    const unit = directives(read('gov-kiosk-session.service'), 'Unit');
    const service = directives(read('gov-kiosk-session.service'), 'Service');
    expect(one(service, 'Restart')).toBe('on-failure');
    expect(Number(one(service, 'RestartSec'))).toBeGreaterThan(0);
    expect(one(service, 'RestartPreventExitStatus')).toBe('78');
    expect(Number(one(unit, 'StartLimitBurst'))).toBeGreaterThan(1);
    const window = Number(one(unit, 'StartLimitIntervalSec'));
    expect(window).toBeGreaterThan(Number(one(unit, 'StartLimitBurst')) * Number(one(service, 'RestartSec')));
    expect(one(unit, 'OnFailure')).toBe('gov-kiosk-out-of-service.service');
    expect(one(unit, 'Conflicts')).toContain('gov-kiosk-out-of-service.service');

    const oos = directives(read('gov-kiosk-out-of-service.service'), 'Unit');
    const oosService = directives(read('gov-kiosk-out-of-service.service'), 'Service');
    expect(one(oos, 'Conflicts')).toContain('gov-kiosk-session.service');
    expect(one(oos, 'OnSuccess')).toBe('gov-kiosk-session.service');
    // shown longer than the session's start-limit window, so the retry is not refused
    expect(Number(one(oosService, 'Environment')?.replace('KIOSK_OUT_OF_SERVICE_SEC=', ''))).toBeGreaterThan(window);
  });

  it('shows a static 暂停服务 / Out of service page with whom to ask', () => {
    const html = read('out-of-service.html');
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('暂停服务');
    expect(html).toContain('Out of service');
    expect(html).toContain('12345');
    expect(html).not.toMatch(/<script|<a\s|<input|<form/);
    expect(read('gov-kiosk-out-of-service')).toContain('/usr/share/gov-kiosk/out-of-service.html');
  });

  it('launches the page for its time, then ends successfully so systemd starts the kiosk again', () => {
    // a stand-in chromium that stays up: the launcher's timeout ends it and reports success
    const bin = path.join(tmp, 'bin');
    fs.mkdirSync(bin, { recursive: true });
    const fake = path.join(bin, 'chromium');
    fs.writeFileSync(fake, '#!/bin/sh\necho "$@" > "$ARGS_FILE"\nexec sleep 30\n', { mode: 0o755 });
    const launcher = read('gov-kiosk-out-of-service').replace('chromium=/usr/bin/chromium', `chromium=${fake}`);
    fs.writeFileSync(path.join(tmp, 'oos'), launcher, { mode: 0o755 });
    const args = path.join(tmp, 'args');
    const r = spawnSync(path.join(tmp, 'oos'), { env: { PATH: process.env.PATH, KIOSK_OUT_OF_SERVICE_SEC: '1', ARGS_FILE: args, XDG_RUNTIME_DIR: tmp }, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(fs.readFileSync(args, 'utf8')).toMatch(/--kiosk .*file:\/\/\/usr\/share\/gov-kiosk\/out-of-service\.html/);
  });
});

describe('package', () => {
  it('installs every session file from the .deb (after-install.sh), without enabling the session', () => {
    const script = fs.readFileSync(path.join(import.meta.dirname, 'linux', 'after-install.sh'), 'utf8');
    for (const f of fs.readdirSync(dir)) expect(script, f).toContain(`"$session/${f}"`);
    const commands = script.split('\n').filter((l) => !l.trim().startsWith('#'));
    expect(commands.join('\n')).not.toMatch(/systemctl\s+enable/);
    expect(spawnSync('sh', ['-n', path.join(import.meta.dirname, 'linux', 'after-install.sh')]).status).toBe(0);
  });
});

describe('session launcher', () => {
  it('refuses a Node older than 22.12 with exit 78 (a technician must install it; restarting cannot help)', () => {
    const oldNode = path.join(tmp, 'old-node');
    fs.writeFileSync(oldNode, '#!/bin/sh\nexec node -e "process.exit(1)"\n', { mode: 0o755 });
    const r = spawnSync('sh', [path.join(dir, 'gov-kiosk-session')], { env: { PATH: process.env.PATH, KIOSK_HOST: 'chromium', KIOSK_NODE: oldNode }, encoding: 'utf8' });
    expect(r.status).toBe(78);
    expect(r.stderr).toContain('Node 22.12');
  });

  it('starts either host with malloc kept to two arenas (what their threads free would stay resident in one arena each)', () => {
    const seen = path.join(tmp, 'malloc-arena-max');
    const record = `#!/bin/sh\n[ "$1" = -e ] && exit 0\necho "$MALLOC_ARENA_MAX" >> ${seen}\n`;
    const home = path.join(tmp, 'electron-home');
    fs.mkdirSync(home, { recursive: true });
    fs.writeFileSync(path.join(home, 'gov-kiosk'), record, { mode: 0o755 });
    const node = path.join(tmp, 'recording-node');
    fs.writeFileSync(node, record, { mode: 0o755 });
    const env = { PATH: process.env.PATH, KIOSK_HOME: home, KIOSK_NODE: node, KIOSK_HEADLESS_HOME: tmp };
    expect(spawnSync('sh', [path.join(dir, 'gov-kiosk-session')], { env }).status).toBe(0);
    expect(spawnSync('sh', [path.join(dir, 'gov-kiosk-session')], { env: { ...env, KIOSK_HOST: 'chromium' } }).status).toBe(0);
    expect(fs.readFileSync(seen, 'utf8').split('\n')).toEqual(['2', '2', '']);
  });
});

describe('kiosk user', () => {
  it('is created by systemd-sysusers without a login shell, in dialout and lp', () => {
    const root = path.join(tmp, 'root');
    fs.mkdirSync(path.join(root, 'etc'), { recursive: true });
    execFileSync('systemd-sysusers', [`--root=${root}`, path.join(dir, 'gov-kiosk.sysusers')], { stdio: 'ignore' });
    const passwd = fs.readFileSync(path.join(root, 'etc', 'passwd'), 'utf8');
    const user = passwd
      .split('\n')
      .find((l) => l.startsWith('gov-kiosk:'))!
      .split(':');
    expect(Number(user[2])).toBeGreaterThan(0);
    expect(Number(user[2])).toBeLessThan(1000); // a system user, not a person's account
    expect(user[5]).toBe('/var/lib/gov-kiosk');
    expect(user[6]).toBe('/usr/sbin/nologin');
    const group = fs.readFileSync(path.join(root, 'etc', 'group'), 'utf8');
    expect(group).toMatch(/^dialout:x:\d+:gov-kiosk$/m);
    expect(group).toMatch(/^lp:x:\d+:gov-kiosk$/m);
  });

  it('gets a logind session through PAM modules that exist on Debian', () => {
    const modules = [...read('gov-kiosk.pam').matchAll(/^(?:account|session)\s+required\s+(\S+)/gm)].map((m) => m[1]!);
    expect(modules).toContain('pam_systemd.so');
    const dirs = ['/usr/lib/x86_64-linux-gnu/security', '/lib/x86_64-linux-gnu/security', '/usr/lib/aarch64-linux-gnu/security', '/lib/aarch64-linux-gnu/security'];
    for (const m of modules)
      expect(
        dirs.some((d) => fs.existsSync(path.join(d, m))),
        m,
      ).toBe(true);
  });
});

describe('udev rules', () => {
  const rules = read('70-gov-kiosk.rules');
  const lines = rules.split('\n').filter((l) => l.trim() && !l.startsWith('#'));
  const KEYS = /^(ACTION|SUBSYSTEM|KERNEL|ENV\{\w+\}|ATTR\{\w+\}|ATTRS\{\w+\}|GROUP|MODE|TAG|SYMLINK|GOTO|LABEL)$/;

  it('are well-formed (udevadm verify where systemd has it, ≥ 253; our own parse otherwise)', () => {
    const verify = spawnSync('udevadm', ['verify', '--help'], { encoding: 'utf8' });
    if (verify.status === 0) expect(spawnSync('udevadm', ['verify', path.join(dir, '70-gov-kiosk.rules')], { encoding: 'utf8' }).status).toBe(0);
    const labels = new Set<string>();
    for (const line of lines) {
      const parts = line.split(/,\s*/);
      for (const p of parts) {
        const m = /^([A-Z]+(?:\{\w+\})?)(==|!=|\+=|=)"([^"]*)"$/.exec(p);
        expect(m, `${p} in: ${line}`).not.toBeNull();
        expect(m![1], line).toMatch(KEYS);
        if (m![1] === 'LABEL') labels.add(m![3]!);
      }
    }
    for (const m of rules.matchAll(/GOTO="([^"]+)"/g)) expect(labels).toContain(m[1]);
  });

  it('give the kiosk user the ID reader, receipt printer and HID scanner — and nobody else', () => {
    const deviceRules = lines.filter((l) => l.includes('SUBSYSTEM=='));
    for (const subsystem of ['tty', 'usbmisc', 'usb', 'hidraw'])
      expect(
        deviceRules.some((l) => l.includes(`SUBSYSTEM=="${subsystem}"`)),
        subsystem,
      ).toBe(true);
    for (const l of deviceRules) {
      expect(l).toContain('GROUP="gov-kiosk"');
      expect(l).toContain('MODE="0660"');
      expect(l).toContain('TAG+="uaccess"');
    }
    for (const name of ['id-card-reader', 'receipt-printer', 'code-scanner']) expect(rules).toContain(`SYMLINK+="gov-kiosk/${name}"`);
  });
});
