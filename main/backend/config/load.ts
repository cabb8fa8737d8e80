import fs from 'node:fs';
import { z } from 'zod';
import { err, ok, type Result } from '../../../common/result';
import { configSchema, type KioskConfig } from './schema';
import { configCopyKey, readValidatedCopy, writeValidatedCopy } from './validated-copy';

export interface ConfigFieldProblem {
  /** dotted path of the field, e.g. "devices.0.path" */
  field: string;
  message: string;
}

export type ConfigError =
  { kind: 'unreadable'; path: string; message: string } | { kind: 'not-json'; path: string; message: string } | { kind: 'invalid'; path: string; problems: ConfigFieldProblem[] };

export function parseConfig(raw: unknown, source = '(inline)'): Result<KioskConfig, ConfigError> {
  const parsed = configSchema.safeParse(raw ?? {});
  if (parsed.success) return ok(parsed.data);
  return err({
    kind: 'invalid',
    path: source,
    problems: parsed.error.issues.map((i) => ({
      field: i.path.length ? i.path.join('.') : '(root)',
      message: i.code === 'unrecognized_keys' ? `未知字段 / unknown field(s): ${i.keys.join(', ')}` : i.message,
    })),
  });
}

/** Where a validated copy of the config is kept, and the identity of the schema that validated it (validated-copy.ts). */
export interface ConfigCopyPlace {
  file: string;
  schemaId: string;
}

/** How the config was validated: by the schema now, or by taking the copy of an earlier identical parse. */
export type ConfigValidatedBy = 'schema' | 'copy';

/**
 * Reads the config file; a missing file means "all defaults", anything else wrong is an error.
 * With `copy`, an unchanged file is taken from its validated copy and a parsed one is stored there.
 */
export function loadConfig(path: string | null, copy: ConfigCopyPlace | null = null): Result<KioskConfig & { source: string; validatedBy: ConfigValidatedBy }, ConfigError> {
  if (!path || !fs.existsSync(path)) {
    const r = parseConfig({}, 'defaults');
    return r.ok ? ok({ ...r.value, source: 'defaults', validatedBy: 'schema' }) : r;
  }
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(path);
  } catch (e) {
    return err({ kind: 'unreadable', path, message: (e as Error).message });
  }
  const key = copy && configCopyKey(path, bytes, copy.schemaId);
  // Only what this schema accepted from these very bytes was written there (validated-copy.ts).
  const copied = copy && key && readValidatedCopy(copy.file, key);
  if (copied) return ok({ ...(copied as KioskConfig), source: path, validatedBy: 'copy' });
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    return err({ kind: 'not-json', path, message: (e as Error).message });
  }
  const r = parseConfig(json, path);
  if (!r.ok) return r;
  if (copy && key) writeValidatedCopy(copy.file, key, r.value);
  return ok({ ...r.value, source: path, validatedBy: 'schema' });
}

export function formatConfigError(e: ConfigError): string {
  switch (e.kind) {
    case 'unreadable':
      return `配置文件无法读取 / cannot read config ${e.path}: ${e.message}`;
    case 'not-json':
      return `配置文件不是合法 JSON / config is not valid JSON ${e.path}: ${e.message}`;
    case 'invalid':
      return [`配置文件有误，终端拒绝启动 / invalid config, refusing to start: ${e.path}`, ...e.problems.map((p) => `  - ${p.field}: ${p.message}`)].join('\n');
  }
}

export const configJsonSchema = () => z.toJSONSchema(configSchema, { io: 'input' });
