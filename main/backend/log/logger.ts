// Structured JSON-lines logger. Every line names an event from common/log-events.ts, and every
// field passes through the redactor (./redact.ts) with the fields that event declares personal, so
// personal data never reaches a log file in clear.
import fs from 'node:fs';
import path from 'node:path';
import { logEvents, type LogEventId, type LogLevel } from '../../../common/log-events';
import { personalFields, redact } from './redact';

export { redact } from './redact';

export type LogFields = Record<string, unknown>;

export interface Logger {
  log(event: LogEventId, fields?: LogFields): void;
  child(bound: LogFields): Logger;
}

const LEVEL_RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

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
      const line = { time: now().toISOString(), level: spec.level, event, ...(redact({ ...bound, ...fields }, personalFields(event)) as LogFields) };
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
