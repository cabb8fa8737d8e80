// The dependency direction, checked: common ← (devices, offline-queue, central) ← main/backend
// ← main/shell; the renderer sees only common and the API's types. Only main/shell needs Electron.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const NODE_BUILTINS = /^(node:|fs$|path$|os$|crypto$|child_process$|net$|http$|https$|stream$|zlib$|url$)/;

function sources(dir: string): string[] {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return [];
  return fs
    .readdirSync(abs, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name) && !e.parentPath.includes('node_modules'))
    .map((e) => path.join(e.parentPath, e.name));
}

interface Import {
  spec: string;
  typeOnly: boolean;
}

function imports(file: string): Import[] {
  const text = fs.readFileSync(file, 'utf8');
  const out: Import[] = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'";]*?from\s+['"]([^'"]+)['"]/gm)) out.push({ spec: m[3]!, typeOnly: !!m[2] });
  for (const m of text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) out.push({ spec: m[1]!, typeOnly: false });
  for (const m of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push({ spec: m[1]!, typeOnly: false });
  return out;
}

function topFolder(file: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const rel = path.relative(root, path.resolve(path.dirname(file), spec));
  const parts = rel.split(path.sep);
  return parts[0] === 'main' ? `main/${parts[1]}` : parts[0]!;
}

function violations(dirs: string[], rule: (imp: Import, target: string | null, file: string) => string | null): string[] {
  const found: string[] = [];
  for (const d of dirs)
    for (const f of sources(d))
      for (const imp of imports(f)) {
        const why = rule(imp, topFolder(f, imp.spec), f);
        if (why) found.push(`${path.relative(root, f)} → ${imp.spec}: ${why}`);
      }
  return found;
}

describe('layering', () => {
  it('only main/shell imports electron', () => {
    const v = violations(['common', 'renderer', 'devices', 'offline-queue', 'central', 'main/backend', 'e2e', 'bench'], (imp) =>
      imp.spec === 'electron' && !imp.typeOnly ? 'Electron outside main/shell' : null,
    );
    expect(v).toEqual([]);
  });

  it('common/ runs everywhere: no Node built-ins, no project layers above it', () => {
    const v = violations(['common'], (imp, target, file) => {
      if (file.endsWith('.test.ts')) return null;
      if (NODE_BUILTINS.test(imp.spec)) return 'Node built-in in common/';
      if (target && target !== 'common') return `imports ${target}`;
      return null;
    });
    expect(v).toEqual([]);
  });

  it('the renderer imports only common/ and the API types', () => {
    const v = violations(['renderer'], (imp, target, file) => {
      if (/\.(test|config)\.tsx?$/.test(file) || file.endsWith('vite.config.ts')) return null;
      if (NODE_BUILTINS.test(imp.spec)) return 'Node built-in in the renderer';
      if (target && !['renderer', 'common'].includes(target) && !imp.typeOnly) return `runtime import of ${target}`;
      return null;
    });
    expect(v).toEqual([]);
  });

  it('devices, offline-queue and central never reach up into main/ or the renderer', () => {
    const v = violations(['devices', 'offline-queue', 'central'], (imp, target) =>
      target && (target.startsWith('main') || target === 'renderer') && !imp.typeOnly ? `imports ${target}` : null,
    );
    expect(v).toEqual([]);
  });

  it('main/shell imports only main/backend, common and electron (the at-rest key goes through the backend)', () => {
    const v = violations(['main/shell'], (_imp, target, file) =>
      !file.endsWith('.test.ts') && target && !['main/shell', 'main/backend', 'common'].includes(target) ? `imports ${target}` : null,
    );
    expect(v).toEqual([]);
  });

  it('main/backend never imports main/shell', () => {
    const v = violations(['main/backend'], (_imp, target) => (target === 'main/shell' ? 'backend depends on the shell' : null));
    expect(v).toEqual([]);
  });
});
