import fs from 'node:fs';
import { z } from 'zod';
import { err, ok, type Result } from '../../../common/result';
import { configSchema, type KioskConfig } from './schema';

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

/** Reads the config file; a missing file means "all defaults", anything else wrong is an error. */
export function loadConfig(path: string | null): Result<KioskConfig & { source: string }, ConfigError> {
  if (!path || !fs.existsSync(path)) {
    const r = parseConfig({}, 'defaults');
    return r.ok ? ok({ ...r.value, source: 'defaults' }) : r;
  }
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (e) {
    return err({ kind: 'unreadable', path, message: (e as Error).message });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return err({ kind: 'not-json', path, message: (e as Error).message });
  }
  const r = parseConfig(json, path);
  return r.ok ? ok({ ...r.value, source: path }) : r;
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
