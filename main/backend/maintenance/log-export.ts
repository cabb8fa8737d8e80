// Log export to a USB stick or folder. Lines are redacted again on the way out (the logger
// already masks personal fields; this also catches anything written by an older build) and only
// files under the configured export roots are accepted as targets.
import fs from 'node:fs';
import path from 'node:path';
import { scrubText } from '../../../common/mask';
import { err, ok, type Result } from '../../../common/result';
import { redact } from '../log/logger';

export interface ExportSummary {
  dir: string;
  files: number;
  lines: number;
  bytes: number;
}

function insideRoots(target: string, roots: readonly string[]): boolean {
  const real = fs.realpathSync(target);
  return roots.some((r) => {
    const root = fs.existsSync(r) ? fs.realpathSync(r) : path.resolve(r);
    return real === root || real.startsWith(root + path.sep);
  });
}

export function redactLine(line: string): string {
  try {
    return JSON.stringify(redact(JSON.parse(line)));
  } catch {
    return scrubText(line);
  }
}

/** Why logs were not exported, with what the screen needs to say so (renderer/src/i18n/device-words.ts). */
export type ExportRefusal = { reason: 'not-absolute' } | { reason: 'no-folder' } | { reason: 'outside-roots'; roots: string[] } | { reason: 'failed'; detail: string };

export function exportLogs(logDir: string, target: string, roots: readonly string[], terminalId: string, now = new Date()): Result<ExportSummary, ExportRefusal> {
  if (!path.isAbsolute(target)) return err({ reason: 'not-absolute' });
  if (!fs.existsSync(target) || !fs.statSync(target).isDirectory()) return err({ reason: 'no-folder' });
  if (!insideRoots(target, roots)) return err({ reason: 'outside-roots', roots: [...roots] });
  const dir = path.join(target, `kiosk-logs-${terminalId}-${now.toISOString().replace(/[:.]/g, '-')}`);
  try {
    fs.mkdirSync(dir);
    const files = fs.existsSync(logDir)
      ? fs
          .readdirSync(logDir)
          .filter((f) => f.endsWith('.jsonl'))
          .sort()
      : [];
    let lines = 0;
    let bytes = 0;
    for (const f of files) {
      const out = fs.readFileSync(path.join(logDir, f), 'utf8').split('\n').filter(Boolean).map(redactLine);
      lines += out.length;
      const text = out.join('\n') + '\n';
      bytes += Buffer.byteLength(text);
      fs.writeFileSync(path.join(dir, f), text);
    }
    return ok({ dir, files: files.length, lines, bytes });
  } catch (e) {
    return err({ reason: 'failed', detail: scrubText((e as Error).message) });
  }
}
