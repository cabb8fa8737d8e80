// Validated editing of the non-secret configuration fields from maintenance mode. Each change is
// checked by parsing the whole file with that one change applied, so a refusal names the field
// and the schema's own reason; accepted changes are written atomically and apply after restart.
import fs from 'node:fs';
import path from 'node:path';
import { deviceConfigProblems, type DeviceConfig } from '../../../devices/config';
import { configSchema, type KioskConfig } from '../config/schema';

/** Dotted paths a technician may change. Secrets, URLs, key files and devices are not here. */
export const EDITABLE_FIELDS = [
  'hallName',
  'township',
  'language',
  'idle.warnAfterSec',
  'idle.countdownSec',
  'catalogRefreshSec',
  'heartbeatSec',
  'queue.retentionDays',
  'queue.maxBackoffSec',
  'queue.statusPollSec',
  'maintenance.sessionIdleSec',
] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

/** What became of one field: the maintenance screen words `code` (renderer/src/i18n/device-words.ts). */
export type FieldOutcome = { field: string; ok: true; code: 'saved' } | { field: string; ok: false; code: 'not-editable' } | { field: string; ok: false; code: 'invalid'; issue: string };

function get(obj: Record<string, unknown>, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

function set(obj: Record<string, unknown>, dotted: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(obj);
  const keys = dotted.split('.');
  let o = copy;
  for (const k of keys.slice(0, -1)) {
    if (!o[k] || typeof o[k] !== 'object') o[k] = {};
    o = o[k] as Record<string, unknown>;
  }
  o[keys.at(-1)!] = value;
  return copy;
}

/** The configuration as a technician sees it: every field, secrets replaced by whether they are set. */
export function configView(c: KioskConfig) {
  return {
    values: { ...c, maintenance: { ...c.maintenance, pinHash: c.maintenance.pinHash ? ('set' as const) : ('not-set' as const) } },
    editable: EDITABLE_FIELDS.map((f) => ({ field: f, value: get(c as unknown as Record<string, unknown>, f) })),
  };
}

export function readConfigFile(file: string): Record<string, unknown> {
  if (!fs.existsSync(file)) return {};
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  return raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
}

/**
 * Applies the valid changes to the config file and refuses the others field by field.
 * Returns the outcome of each and whether the file was written.
 */
export function editConfig(file: string, changes: Record<string, unknown>): { outcomes: FieldOutcome[]; written: boolean } {
  let current = readConfigFile(file);
  const outcomes: FieldOutcome[] = [];
  for (const [field, value] of Object.entries(changes)) {
    if (!(EDITABLE_FIELDS as readonly string[]).includes(field)) {
      outcomes.push({ field, ok: false, code: 'not-editable' });
      continue;
    }
    const candidate = set(current, field, value);
    const parsed = configSchema.safeParse(candidate);
    if (!parsed.success) {
      const issue = parsed.error.issues.find((i) => i.path.join('.') === field) ?? parsed.error.issues[0]!;
      outcomes.push({ field, ok: false, code: 'invalid', issue: issue.message });
      continue;
    }
    current = candidate;
    outcomes.push({ field, ok: true, code: 'saved' });
  }
  const written = outcomes.some((o) => o.ok);
  if (written) writeConfigFile(file, current);
  return { outcomes, written };
}

function writeConfigFile(file: string, content: Record<string, unknown>): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, JSON.stringify(content, null, 2) + '\n', { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/**
 * Puts `row` in place of the configured device of its kind (the printer a technician chose in
 * maintenance), checked like any edit: the whole file with the change must parse and the device
 * must be reachable as configured. Applies after restart, like the other edits.
 */
export function setDeviceRow(file: string, row: DeviceConfig): { ok: true } | { ok: false; issue: string } {
  const current = readConfigFile(file);
  const parsed = configSchema.safeParse(current);
  if (!parsed.success) return { ok: false, issue: parsed.error.issues[0]!.message };
  const devices = [...parsed.data.devices.filter((d) => d.kind !== row.kind), row];
  const candidate = { ...current, devices };
  const checked = configSchema.safeParse(candidate);
  if (!checked.success) return { ok: false, issue: checked.error.issues[0]!.message };
  const problem = deviceConfigProblems(checked.data.devices)[0];
  if (problem) return { ok: false, issue: problem.message };
  writeConfigFile(file, candidate);
  return { ok: true };
}
