// Remote configuration on the terminal: a signed change from central applies when nobody is at
// the screen, live where it can; anything wrong with it (signature, schema, a device that cannot
// start, a replayed old version) leaves the last good configuration in force and says why; a
// technician's local change shows as drift.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SuiteTag } from '../../../common/crypto-suite/suite';
import type { ConfigAssignment, RemoteConfig } from '../../../common/fleet-updates';
import { createLogger } from '../log/logger';
import { editConfig } from '../maintenance/config-edit';
import { generateReleaseKey, signRemoteConfig } from '../updates/release-signing';
import { parseConfig } from './load';
import { RemoteConfigService } from './remote-config';
import type { KioskConfig } from './schema';

const key = generateReleaseKey();
const smKey = generateReleaseKey('sm2');
let dir: string;
let file: string;
let served: ConfigAssignment;
let present: boolean;
let restarts: string[];
let live: KioskConfig;
let lines: string[];
let probeFails: boolean;

const doc = (d: Partial<RemoteConfig> & { settings: Record<string, unknown> }, k = key.privateKey) => signRemoteConfig({ version: 1, scope: 'group', target: 'pilot', ...d }, k);

// Both keys pinned, as a build ships them; the terminal's suite decides which count.
function service(suite: SuiteTag = 'international') {
  return new RemoteConfigService({
    terminalId: 'KSK0001',
    configFile: file,
    stateDir: path.join(dir, 'remote-config'),
    trust: {
      suite,
      keys: [
        { algorithm: 'ed25519', publicKey: key.publicKey },
        { algorithm: 'sm2', publicKey: smKey.publicKey },
      ],
    },
    fetch: async () => ({ ok: true, value: served }),
    citizenPresent: () => present,
    live,
    probeDevices: async () => (probeFails ? { ok: false, error: 'receipt-printer: /dev/usb/lp9' } : { ok: true, value: undefined }),
    restartApp: (why) => restarts.push(why),
    logger: createLogger({ sink: (l) => lines.push(l) }),
  });
}

const fileNow = () => JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'remote-config-'));
  file = path.join(dir, 'config.json');
  fs.writeFileSync(file, JSON.stringify({ terminalId: 'KSK0001', hallName: '原大厅' }));
  const parsed = parseConfig(fileNow());
  if (!parsed.ok) throw new Error('bad base config');
  live = parsed.value;
  served = { group: null, terminal: null };
  present = false;
  restarts = [];
  lines = [];
  probeFails = false;
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('remote configuration', () => {
  it('waits while a citizen is at the screen, then applies; live fields need no restart', async () => {
    const s = service();
    served = { group: doc({ settings: { hallName: '宿城区政务服务中心', idle: { warnAfterSec: 120 } } }), terminal: null };
    present = true;
    await s.check();
    expect(live.hallName).toBe('原大厅');
    expect(s.heartbeat().applied).toEqual({ group: null, terminal: null });

    present = false;
    await s.check();
    expect(live.hallName).toBe('宿城区政务服务中心');
    expect(live.idle.warnAfterSec).toBe(120);
    expect(fileNow()).toMatchObject({ hallName: '宿城区政务服务中心', idle: { warnAfterSec: 120 } });
    expect(s.heartbeat()).toEqual({ applied: { group: 1, terminal: null }, drift: false, driftFields: [], refused: null });
    expect(restarts).toEqual([]);
    expect(JSON.parse(fs.readFileSync(s.lastGoodFile, 'utf8'))).toMatchObject({ hallName: '原大厅' });
  });

  it('lays the terminal document over the group one, and asks for a restart for start-time fields', async () => {
    const s = service();
    served = {
      group: doc({ settings: { hallName: '组大厅', heartbeatSec: 30 } }),
      terminal: doc({ scope: 'terminal', target: 'KSK0001', version: 4, settings: { hallName: '本机大厅' } }),
    };
    await s.check();
    expect(live.hallName).toBe('本机大厅');
    expect(fileNow()).toMatchObject({ hallName: '本机大厅', heartbeatSec: 30 });
    expect(s.heartbeat().applied).toEqual({ group: 1, terminal: 4 });
    expect(restarts).toHaveLength(1);
    expect(restarts[0]).toContain('heartbeatSec');
  });

  it('refuses a document another key signed, and keeps the configuration', async () => {
    const s = service();
    served = { group: doc({ settings: { hallName: '冒充大厅' } }, generateReleaseKey().privateKey), terminal: null };
    await s.check();
    expect(live.hallName).toBe('原大厅');
    expect(fileNow().hallName).toBe('原大厅');
    expect(s.heartbeat().refused).toMatchObject({ scope: 'group', reason: 'bad-signature' });
  });

  it('on an sm terminal: applies an SM2-signed document, refuses an Ed25519-signed one with a clear reason', async () => {
    const s = service('sm');
    served = { group: doc({ settings: { hallName: '降级大厅' } }), terminal: null };
    await s.check();
    expect(live.hallName).toBe('原大厅');
    expect(s.heartbeat().refused).toMatchObject({ scope: 'group', reason: 'wrong-suite' });
    expect(s.heartbeat().refused!.message).toContain('refuses a configuration signed with ed25519');
    expect(lines.some((l) => l.includes('config.remote.refused') && l.includes('wrong-suite'))).toBe(true);

    served = { group: doc({ settings: { hallName: '国密大厅' } }, smKey.privateKey), terminal: null };
    expect(served.group!.algorithm).toBe('sm2');
    await s.check();
    expect(live.hallName).toBe('国密大厅');
    expect(s.heartbeat()).toMatchObject({ applied: { group: 1, terminal: null }, refused: null });
  });

  it('on an sm terminal: refuses an SM2 document tampered with after signing, another SM2 key’s, and a forged tag', async () => {
    const s = service('sm');
    const signed = doc({ settings: { hallName: '国密大厅' } }, smKey.privateKey);
    served = { group: { ...signed, document: signed.document.replace('国密大厅', '篡改大厅') }, terminal: null };
    await s.check();
    expect(s.heartbeat().refused).toMatchObject({ reason: 'bad-signature' });
    const sig = Buffer.from(signed.signature, 'base64');
    sig[10] = sig[10]! ^ 0x01;
    served = { group: { ...signed, signature: sig.toString('base64') }, terminal: null };
    await s.check();
    expect(s.heartbeat().refused).toMatchObject({ reason: 'bad-signature' });
    served = { group: doc({ settings: { hallName: '冒充大厅' } }, generateReleaseKey('sm2').privateKey), terminal: null };
    await s.check();
    expect(s.heartbeat().refused).toMatchObject({ reason: 'bad-signature' });
    // an Ed25519 signature relabelled sm2 is checked as SM2, and fails
    served = { group: { ...doc({ settings: { hallName: '冒充大厅' } }), algorithm: 'sm2' }, terminal: null };
    await s.check();
    expect(s.heartbeat().refused).toMatchObject({ reason: 'bad-signature' });
    expect(live.hallName).toBe('原大厅');
    expect(fileNow().hallName).toBe('原大厅');
  });

  it('on an international terminal: applies Ed25519- and SM2-signed documents alike', async () => {
    const s = service('international');
    served = { group: doc({ settings: { hallName: '第一版' } }), terminal: null };
    await s.check();
    expect(live.hallName).toBe('第一版');
    served = { group: doc({ version: 2, settings: { hallName: '第二版' } }, smKey.privateKey), terminal: null };
    await s.check();
    expect(live.hallName).toBe('第二版');
    expect(s.heartbeat().refused).toBeNull();
  });

  it('refuses settings its own schema rejects, naming the field', async () => {
    const s = service();
    served = { group: doc({ settings: { idle: { warnAfterSec: 3 } } }), terminal: null };
    await s.check();
    expect(live.idle.warnAfterSec).toBe(90);
    expect(s.heartbeat().refused).toMatchObject({ reason: 'invalid', version: 1 });
    expect(s.heartbeat().refused!.message).toContain('idle.warnAfterSec');
  });

  it('refuses a device list a device cannot start with', async () => {
    const s = service();
    probeFails = true;
    served = { group: doc({ settings: { devices: [{ kind: 'receipt-printer', mode: 'usb-lp', path: '/dev/usb/lp9' }] } }), terminal: null };
    await s.check();
    expect(fileNow().devices).toBeUndefined();
    expect(s.heartbeat().refused).toMatchObject({ reason: 'device-failed' });
    expect(restarts).toEqual([]);
  });

  it('never moves an sm terminal back to the international suite, even with a genuine SM2 signature', async () => {
    const fileBefore = fileNow();
    const s = service('sm');
    served = { group: doc({ settings: { crypto: { suite: 'international' }, hallName: '降级大厅' } }, smKey.privateKey), terminal: null };
    await s.check();
    expect(fileNow()).toEqual(fileBefore);
    expect(live.hallName).toBe('原大厅');
    expect(s.heartbeat().refused).toMatchObject({ scope: 'group', reason: 'invalid', version: 1 });
    expect(s.heartbeat().refused!.message).toContain('crypto.suite');
  });

  it('refuses a replayed older version, and anything setting the terminal id', async () => {
    const s = service();
    served = { group: doc({ version: 5, settings: { hallName: '第五版' } }), terminal: null };
    await s.check();
    served = { group: doc({ version: 3, settings: { hallName: '第三版' } }), terminal: null };
    await s.check();
    expect(live.hallName).toBe('第五版');
    expect(s.heartbeat().refused).toMatchObject({ reason: 'older', version: 3 });
    served = { group: doc({ version: 6, settings: { terminalId: 'EVIL0001' } }), terminal: null };
    await s.check();
    expect(fileNow().terminalId).toBe('KSK0001');
    expect(s.heartbeat().refused).toMatchObject({ reason: 'invalid', version: 6 });
  });

  it("reports a technician's local change of a remotely set field as drift", async () => {
    const s = service();
    served = { group: doc({ settings: { idle: { warnAfterSec: 120 } } }), terminal: null };
    await s.check();
    expect(s.heartbeat().drift).toBe(false);
    expect(editConfig(file, { 'idle.warnAfterSec': 200, township: '幸福街道' }).written).toBe(true);
    // township is not set remotely: a local matter, not drift
    expect(s.heartbeat()).toMatchObject({ drift: true, driftFields: ['idle.warnAfterSec'] });
    expect(lines.some((l) => l.includes('config.remote.drift'))).toBe(true);
    // a new service (after a restart) still knows what was applied
    expect(service().heartbeat()).toMatchObject({ applied: { group: 1, terminal: null }, drift: true });
  });
});
