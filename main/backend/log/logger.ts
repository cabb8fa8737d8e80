// Structured JSON-lines logger. Every line names an event from common/log-events.ts, and every
// field passes through the redactor so personal data never reaches a log file in clear.
import fs from 'node:fs';
import path from 'node:path';
import { logEvents, type LogEventId, type LogLevel } from '../../../common/log-events';
import { maskIdNumber, maskName, maskPhone, scrubText } from '../../../common/mask';

export type LogFields = Record<string, unknown>;

export interface Logger {
  log(event: LogEventId, fields?: LogFields): void;
  child(bound: LogFields): Logger;
}

const LEVEL_RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

// Keys whose values are personal data, masked by their kind rather than dropped, so a
// technician can still correlate lines ("3201**********1234" tells two sessions apart).
const PERSONAL_KEYS: Record<string, (v: string) => string> = {
  idnumber: maskIdNumber,
  id_number: maskIdNumber,
  name: maskName,
  applicantname: maskName,
  phone: maskPhone,
  mobile: maskPhone,
  address: () => '***',
  photo: () => '[photo]',
  secret: () => '[secret]',
  token: () => '[secret]',
};

export function redact(value: unknown, key = '', depth = 0): unknown {
  if (depth > 6) return '[deep]';
  const masker = PERSONAL_KEYS[key.toLowerCase()];
  if (typeof value === 'string') return masker ? masker(value) : scrubText(value);
  if (masker && value != null && typeof value !== 'object') return masker(String(value));
  if (value instanceof Error) return { message: scrubText(value.message), name: value.name };
  if (value instanceof Uint8Array) return `[${value.byteLength} bytes]`;
  if (Array.isArray(value)) return value.map((v) => redact(v, key, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redact(v, k, depth + 1);
    return out;
  }
  return value;
}

export interface LoggerOptions {
  /** Where lines go; defaults to stderr. */
  sink?: (line: string) => void;
  minLevel?: LogLevel;
  bound?: LogFields;
  now?: () => Date;
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  const sink = opts.sink ?? ((line: string) => process.stderr.write(line + '\n'));
  const min = LEVEL_RANK[opts.minLevel ?? 'info'];
  const now = opts.now ?? (() => new Date());
  const bound = opts.bound ?? {};
  return {
    log(event, fields = {}) {
      const spec = logEvents[event];
      if (LEVEL_RANK[spec.level] < min) return;
      const line = { time: now().toISOString(), level: spec.level, event, ...(redact({ ...bound, ...fields }) as LogFields) };
      sink(JSON.stringify(line));
    },
    child(extra) {
      return createLogger({ ...opts, sink, bound: { ...bound, ...extra } });
    },
  };
}

/** A sink that appends to a log file (one per day) and mirrors to stderr. */
export function fileSink(dir: string): (line: string) => void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return (line) => {
    const file = path.join(dir, `kiosk-${line.slice(9, 19)}.jsonl`);
    try {
      fs.appendFileSync(file, line + '\n', { mode: 0o600 });
    } catch {
      // A full disk must not take the kiosk down through its logger; stderr still gets the line.
    }
    process.stderr.write(line + '\n');
  };
}
