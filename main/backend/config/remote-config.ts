// Remote configuration: central serves signed documents for the terminal's group and for the
// terminal itself (terminal overrides group). The terminal checks each signature against the
// pinned configuration key (with an algorithm its crypto suite accepts: SM2 only on an `sm`
// terminal), refuses a version older than the one it applied (a replayed old
// document), lays the settings over its configuration file and validates the result with its own
// schema. It applies only when no citizen is at the screen: fields the backend reads on each
// request (hall name, idle timeouts, language, face check) apply live; devices are probed first
// and, like every other field, apply on the restart this asks for. The file as it was before is
// kept as the last good configuration; a refused document changes nothing and is reported with
// its reason. A field whose value in the file differs from what the applied remote settings say
// was changed locally (maintenance mode, audited there): that is drift, reported to central.
import fs from 'node:fs';
import path from 'node:path';
import {
  configAssignmentSchema,
  remoteConfigSchema,
  type AppliedConfig,
  type ConfigAssignment,
  type ConfigRefusal,
  type HeartbeatConfig,
  type RemoteConfig,
  type SignedRemoteConfig,
} from '../../../common/fleet-updates';
import type { Result } from '../../../common/result';
import type { Logger } from '../log/logger';
import { readConfigFile } from '../maintenance/config-edit';
import { checkPinnedSignature, wrongSuiteMessage, type SignatureTrust } from '../updates/signature-verifier';
import { parseConfig } from './load';
import type { KioskConfig } from './schema';
import { PeriodicPass } from '../updates/periodic-pass';

/** Fields the backend reads on each request: they apply without a restart. */
export const LIVE_FIELDS = ['hallName', 'township', 'language', 'idle.warnAfterSec', 'idle.countdownSec', 'journey.faceCheck'] as const;
/** Fields central may never set: the terminal's identity and what a production build refuses. */
const FORBIDDEN_FIELDS = ['terminalId', 'terminalSecretFile', 'centralUrl', 'devTools', 'queue.keyFile'];

type Scope = 'group' | 'terminal';

export interface RemoteConfigDeps {
  terminalId: string;
  /** the configuration file (null: the kiosk runs on defaults and cannot take remote settings) */
  configFile: string | null;
  /** where the applied documents and the last good file are kept */
  stateDir: string;
  /** the pinned configuration keys and the terminal's crypto suite (which signature algorithms count) */
  trust: SignatureTrust;
  fetch: () => Promise<Result<ConfigAssignment, string>>;
  citizenPresent: () => boolean;
  /** the running configuration: live fields are set on it */
  live: KioskConfig;
  /** whether the devices of a new configuration can be opened (paths present, queue known) */
  probeDevices: (devices: KioskConfig['devices']) => Promise<Result<void, string>>;
  /** asks the host to restart the app (fields that are read only at start changed) */
  restartApp: (reason: string) => void;
  logger: Logger;
}

interface AppliedDocs {
  group: { version: number; settings: Record<string, unknown>; signed: SignedRemoteConfig } | null;
  terminal: { version: number; settings: Record<string, unknown>; signed: SignedRemoteConfig } | null;
}

type Refused = NonNullable<HeartbeatConfig['refused']>;

/** Every leaf of a settings object as a dotted path (arrays are leaves: a device list is one value). */
export function leafPaths(o: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' && !Array.isArray(v) ? leafPaths(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

function getPath(o: unknown, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((x, k) => (x && typeof x === 'object' ? (x as Record<string, unknown>)[k] : undefined), o);
}

function setPath(o: Record<string, unknown>, dotted: string, value: unknown): void {
  const keys = dotted.split('.');
  let x = o;
  for (const k of keys.slice(0, -1)) {
    if (!x[k] || typeof x[k] !== 'object' || Array.isArray(x[k])) x[k] = {};
    x = x[k] as Record<string, unknown>;
  }
  x[keys.at(-1)!] = structuredClone(value);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function writeAtomic(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, text, { mode: 0o600 });
  const fd = fs.openSync(tmp, 'r');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  fs.renameSync(tmp, file);
}

export class RemoteConfigService {
  private applied: AppliedDocs;
  private refused: Refused | null = null;
  private lastDrift = '[]';
  private readonly passes = new PeriodicPass(() => this.pass());
  /** set when applied fields wait for a restart */
  restartNeeded: string[] = [];

  constructor(private readonly d: RemoteConfigDeps) {
    this.applied = this.readApplied();
  }

  private get appliedFile(): string {
    return path.join(this.d.stateDir, 'applied.json');
  }

  /** The configuration file as it was before the last remote change. */
  get lastGoodFile(): string {
    return path.join(this.d.stateDir, 'last-good-config.json');
  }

  private readApplied(): AppliedDocs {
    try {
      return JSON.parse(fs.readFileSync(this.appliedFile, 'utf8')) as AppliedDocs;
    } catch {
      return { group: null, terminal: null };
    }
  }

  appliedVersions(): AppliedConfig {
    return { group: this.applied.group?.version ?? null, terminal: this.applied.terminal?.version ?? null };
  }

  /** The remote settings in force, terminal over group. */
  private remoteSettings(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const doc of [this.applied.group, this.applied.terminal]) if (doc) for (const p of leafPaths(doc.settings)) setPath(out, p, getPath(doc.settings, p));
    return out;
  }

  /** Fields of the file that differ from the applied remote settings (names only). */
  driftFields(): string[] {
    if (!this.d.configFile) return [];
    let file: Record<string, unknown>;
    try {
      file = readConfigFile(this.d.configFile);
    } catch {
      return [];
    }
    const remote = this.remoteSettings();
    return leafPaths(remote)
      .filter((p) => !same(getPath(file, p), getPath(remote, p)))
      .slice(0, 40);
  }

  heartbeat(): HeartbeatConfig {
    const driftFields = this.driftFields();
    const json = JSON.stringify(driftFields);
    if (json !== this.lastDrift) {
      this.lastDrift = json;
      if (driftFields.length) this.d.logger.log('config.remote.drift', { fields: driftFields });
    }
    return { applied: this.appliedVersions(), drift: driftFields.length > 0, driftFields, refused: this.refused };
  }

  start(everyMs: number): void {
    this.passes.start(everyMs);
  }

  stop(): Promise<void> {
    return this.passes.stop();
  }

  /** One pass: fetch, check, and apply if nobody is at the screen. */
  check(): Promise<void> {
    return this.passes.run();
  }

  private refuse(scope: Scope, version: number, reason: ConfigRefusal, message: string): void {
    const again = this.refused?.scope === scope && this.refused.version === version && this.refused.reason === reason;
    this.refused = { scope, version, reason, message: message.slice(0, 300) };
    // Central serves the same document at every poll: logged once, reported in every heartbeat.
    if (!again) this.d.logger.log('config.remote.refused', { scope, version, reason, message });
  }

  /** A signed document, checked: signature, format, its own scope and target, not older than applied. */
  private open(scope: Scope, signed: SignedRemoteConfig | null): RemoteConfig | null | 'refused' {
    if (!signed) return null;
    const current = this.applied[scope]?.version ?? 0;
    if (signed.signature.length === 0) return (this.refuse(scope, 0, 'unsigned', '配置未签名 / configuration is not signed'), 'refused');
    const signature = checkPinnedSignature(this.d.trust, signed.algorithm, new TextEncoder().encode(signed.document), signed.signature);
    if (!signature.ok && signature.error === 'wrong-suite') return (this.refuse(scope, 0, 'wrong-suite', wrongSuiteMessage('configuration', signed.algorithm, this.d.trust.suite)), 'refused');
    if (!signature.ok) return (this.refuse(scope, 0, 'bad-signature', '配置签名无法用本机信任的配置公钥验证 / configuration signature does not verify with the pinned key'), 'refused');
    let doc: RemoteConfig;
    try {
      doc = remoteConfigSchema.parse(JSON.parse(signed.document));
    } catch {
      return (this.refuse(scope, 0, 'invalid', '配置文档格式不正确 / malformed configuration document'), 'refused');
    }
    if (doc.scope !== scope || (scope === 'terminal' && doc.target !== this.d.terminalId))
      return (this.refuse(scope, doc.version, 'invalid', '配置文档不是给本终端的 / the document is for another target'), 'refused');
    if (doc.version < current) return (this.refuse(scope, doc.version, 'older', `版本 ${doc.version} 早于已应用的 ${current} / older than the applied version`), 'refused');
    if (doc.version === current) return null;
    const forbidden = leafPaths(doc.settings).filter((p) => FORBIDDEN_FIELDS.some((f) => p === f || p.startsWith(`${f}.`)));
    if (forbidden.length) return (this.refuse(scope, doc.version, 'invalid', `中心不能远程设置 / central may not set: ${forbidden.join(', ')}`), 'refused');
    // Central may raise a terminal to the sm suite, never lower it: whoever holds the configuration
    // key must not be able to take an sm terminal off the algorithms its 密评 was passed with.
    if (this.d.trust.suite === 'sm' && suiteSetting(doc.settings) === 'international')
      return (this.refuse(scope, doc.version, 'invalid', '中心不能把本机的密码套件降回 international / central may not set crypto.suite back to international'), 'refused');
    return doc;
  }

  private async pass(): Promise<void> {
    const got = await this.d.fetch();
    if (!got.ok) return;
    const answer = configAssignmentSchema.parse(got.value);
    const group = this.open('group', answer.group);
    const terminal = this.open('terminal', answer.terminal);
    const fresh = [group, terminal].filter((d): d is RemoteConfig => d !== null && d !== 'refused');
    if (fresh.length === 0 || !this.d.configFile) return;
    // Only at idle: a citizen's session keeps the configuration it started with.
    if (this.d.citizenPresent()) return;
    const apply = (cur: AppliedDocs[Scope], doc: RemoteConfig | null | 'refused', signed: SignedRemoteConfig | null) =>
      doc && doc !== 'refused' && signed ? { version: doc.version, settings: doc.settings, signed } : cur;
    const next: AppliedDocs = { group: apply(this.applied.group, group, answer.group), terminal: apply(this.applied.terminal, terminal, answer.terminal) };
    const which: Scope = terminal && terminal !== 'refused' ? 'terminal' : 'group';
    const version = next[which]!.version;

    const before = readConfigFile(this.d.configFile);
    const candidate = structuredClone(before);
    for (const doc of [next.group, next.terminal]) if (doc) for (const p of leafPaths(doc.settings)) setPath(candidate, p, getPath(doc.settings, p));
    const parsed = parseConfig(candidate, 'remote');
    if (!parsed.ok) {
      const problems = parsed.error.kind === 'invalid' ? parsed.error.problems.map((p) => `${p.field}: ${p.message}`).join('; ') : parsed.error.kind;
      return this.refuse(which, version, 'invalid', `配置不符合本机规则，保留原配置 / fails this terminal's schema, kept the last good one: ${problems}`);
    }
    const changed = leafPaths(candidate).filter((p) => !same(getPath(before, p), getPath(candidate, p)));
    if (changed.some((p) => p === 'devices' || p.startsWith('devices.'))) {
      const probe = await this.d.probeDevices(parsed.value.devices);
      if (!probe.ok) return this.refuse(which, version, 'device-failed', `设备无法以新配置启动，保留原配置 / a device cannot start with it, kept the last good one: ${probe.error}`);
    }
    // The file as it was is the last good configuration; then the new one, then what was applied.
    writeAtomic(this.lastGoodFile, JSON.stringify(before, null, 2) + '\n');
    writeAtomic(this.d.configFile, JSON.stringify(candidate, null, 2) + '\n');
    writeAtomic(this.appliedFile, JSON.stringify(next) + '\n');
    this.applied = next;
    this.refused = null;
    const live = changed.filter((p) => (LIVE_FIELDS as readonly string[]).includes(p));
    for (const p of live) setPath(this.d.live as unknown as Record<string, unknown>, p, getPath(parsed.value, p));
    const atRestart = changed.filter((p) => !(LIVE_FIELDS as readonly string[]).includes(p));
    this.d.logger.log('config.remote.applied', { ...this.appliedVersions(), live, atRestart });
    if (atRestart.length) {
      this.restartNeeded = atRestart;
      this.d.restartApp(`远程配置需要重启 / remote configuration needs a restart: ${atRestart.join(', ')}`);
    }
  }
}

/** A device list's paths that are not there (serial ports, usb-lp nodes): such a device cannot start. */
export async function probeDevicePaths(devices: KioskConfig['devices']): Promise<Result<void, string>> {
  const missing = devices.flatMap((d) => ('path' in d && typeof d.path === 'string' && d.mode !== 'simulator' && !fs.existsSync(d.path) ? [`${d.kind}: ${d.path}`] : []));
  return missing.length ? { ok: false, error: `设备路径不存在 / device path missing: ${missing.join(', ')}` } : { ok: true, value: undefined };
}

function suiteSetting(settings: Record<string, unknown>): unknown {
  const crypto = settings['crypto'];
  return typeof crypto === 'object' && crypto !== null ? (crypto as Record<string, unknown>)['suite'] : undefined;
}
