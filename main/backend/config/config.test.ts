import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatConfigError, loadConfig, parseConfig } from './load';

function tmpFile(content: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-config-'));
  const f = path.join(dir, 'config.json');
  fs.writeFileSync(f, content);
  return f;
}

describe('configuration', () => {
  it('runs on defaults with no file at all', () => {
    const r = loadConfig('/nonexistent/config.json');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.source).toBe('defaults');
    expect(r.value.terminalId).toBe('DEV0001');
    expect(r.value.devices.map((d) => d.kind).sort()).toEqual(['a4-printer', 'code-scanner', 'id-card-reader', 'receipt-printer', 'scanner']);
    expect(r.value.devices.every((d) => d.mode === 'simulator')).toBe(true);
  });

  it('takes a partial file and fills in the rest', () => {
    const r = loadConfig(tmpFile(JSON.stringify({ terminalId: 'SQ0012', hallName: '宿城区幸福街道便民服务中心', language: 'en' })));
    expect(r.ok && r.value.terminalId).toBe('SQ0012');
    expect(r.ok && r.value.idle.warnAfterSec).toBe(90);
  });

  it('reports every bad field by name and refuses to guess', () => {
    const r = parseConfig({
      terminalId: 'bad id',
      centralUrl: 'ftp://x',
      idle: { warnAfterSec: 1, countdownSec: 30 },
      devices: [{ kind: 'id-card-reader', mode: 'serial', pollMs: 100 }],
      colour: 'red',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const fields = r.error.kind === 'invalid' ? r.error.problems.map((p) => p.field) : [];
    expect(fields).toEqual(expect.arrayContaining(['terminalId', 'centralUrl', 'idle.warnAfterSec', 'devices.0.pollMs', '(root)']));
    const text = formatConfigError(r.error);
    expect(text).toContain('拒绝启动');
    expect(text).toContain('colour');
    expect(text).toContain('devices.0.pollMs');
  });

  it('a real serial reader without a port is an error, not a guess', () => {
    const r = parseConfig({ devices: [{ kind: 'id-card-reader', mode: 'serial' }] });
    expect(r.ok).toBe(false);
    if (!r.ok && r.error.kind === 'invalid') expect(r.error.problems[0]!.field).toBe('devices.0.path');
  });

  it('says so when the file is not JSON', () => {
    const r = loadConfig(tmpFile('{ terminalId: '));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(formatConfigError(r.error)).toMatch(/JSON/);
  });
});
