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

export function exportLogs(logDir: string, target: string, roots: readonly string[], terminalId: string, now = new Date()): Result<ExportSummary, string> {
  if (!path.isAbsolute(target)) return err('导出位置应为绝对路径 / the target must be an absolute path');
  if (!fs.existsSync(target) || !fs.statSync(target).isDirectory()) return err('导出位置不存在或不是文件夹（U 盘是否已插入？）/ the target folder does not exist (is the USB stick mounted?)');
  if (!insideRoots(target, roots)) return err(`只能导出到这些位置之下 / export only under: ${roots.join(', ')}`);
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
    return err(`导出失败 / export failed: ${scrubText((e as Error).message)}`);
  }
}
