// When the shell process last started, kept across restarts so a crash loop driven by systemd
// (Restart=always) backs off and ends on the out-of-service page like an in-process one.
// A missing or damaged file is an empty history: it can only make the shell try sooner.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const historySchema = z.array(z.number().int().nonnegative()).max(100);

export function readStartHistory(file: string): number[] {
  try {
    const parsed = historySchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

export function writeStartHistory(file: string, history: readonly number[]): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, JSON.stringify(history.slice(-100)), { mode: 0o600 });
  } catch {
    // A full or read-only disk must not stop the kiosk from starting; it only loses the backoff.
  }
}
