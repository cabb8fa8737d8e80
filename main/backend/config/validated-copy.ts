// The validated copy of an unchanged config file, kept in the data dir. Boot validates the config
// at every start, and building its zod schema (~430 schema objects) and parsing was ~30 ms of a
// production restart's ~200 ms CPU (--cpu-prof, bench/README.md, foundation.bench.ts). A restart
// whose file has the same bytes, at the same path, read by the same build (whose schema is the
// same code) takes the parse's result from here and never builds the schema; anything else —
// an edited or moved file, a new release, a missing, unreadable, torn or hand-edited copy — gets
// the full parse, which then writes a new copy. The copy only ever holds what the schema accepted.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const FORMAT = 1;

/** What a copy is valid for: these bytes of this file, validated by this schema. */
export interface ConfigCopyKey {
  configPath: string;
  fileSha256: string;
  /** the schema's identity: the bundle's build id (common/build-id.ts) */
  schemaId: string;
}

const sha256 = (data: string | Buffer) => crypto.createHash('sha256').update(data).digest('hex');

export function configCopyKey(configPath: string, bytes: Buffer, schemaId: string): ConfigCopyKey {
  return { configPath: path.resolve(configPath), fileSha256: sha256(bytes), schemaId };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The validated config stored for exactly `key`, or null: no copy, another file/bytes/schema, or a copy that does not hash to what was written. */
export function readValidatedCopy(file: string, key: ConfigCopyKey): Record<string, unknown> | null {
  let record: unknown;
  try {
    record = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
  if (!isPlainObject(record) || record.format !== FORMAT) return null;
  if (record.configPath !== key.configPath || record.fileSha256 !== key.fileSha256 || record.schemaId !== key.schemaId) return null;
  // The digest covers the config as written, so a torn or hand-edited copy is not taken for valid.
  if (!isPlainObject(record.config) || typeof record.configSha256 !== 'string' || sha256(JSON.stringify(record.config)) !== record.configSha256) return null;
  return record.config;
}

/**
 * Writes the copy atomically (a temporary file renamed over it: a reader sees the old copy or the
 * new one, never half of one). Not fsync'd: a copy lost or torn by a power cut only costs the next
 * start a full parse. False when it could not be written (read-only or full disk): nothing else changes.
 */
export function writeValidatedCopy(file: string, key: ConfigCopyKey, config: object): boolean {
  const text = JSON.stringify({ format: FORMAT, ...key, configSha256: sha256(JSON.stringify(config)), config });
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, text, { mode: 0o600 });
    fs.renameSync(tmp, file);
    return true;
  } catch {
    fs.rmSync(tmp, { force: true });
    return false;
  }
}
