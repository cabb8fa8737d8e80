// The dependency direction, checked by the lint's `kiosk/import-boundaries` rule (the table in
// scripts/lint/import-boundaries.mjs encodes every README's "May import"): the whole tree obeys
// it, and the rule and the hooks lint do catch what they are there to catch.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ESLint } from 'eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import kiosk from './lint/import-boundaries.mjs';

const root = path.resolve(import.meta.dirname, '..');
const LAYERED = ['common', 'documents', 'renderer', 'devices', 'offline-queue', 'central', 'main'];

// Syntax only (no type information): fast enough to run over the whole tree here.
const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: true,
  overrideConfig: [
    {
      files: ['**/*.{ts,tsx}'],
      languageOptions: { parser: tseslint.parser },
      plugins: { kiosk, 'react-hooks': { rules: reactHooks.rules } as ESLint.Plugin },
      rules: { 'kiosk/import-boundaries': 'error', 'react-hooks/exhaustive-deps': 'error' },
    },
  ],
});

async function problems(file: string, code: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return r!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layering', () => {
  it('every layer imports only what its README allows', async () => {
    const files = LAYERED.flatMap((d) =>
      fs
        .readdirSync(path.join(root, d), { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !e.parentPath.includes('node_modules'))
        .map((e) => path.join(e.parentPath, e.name)),
    );
    expect(files.length).toBeGreaterThan(300);
    const found = (await eslint.lintFiles(files)).flatMap((r) => r.messages.map((m) => `${path.relative(root, r.filePath)}: ${m.message}`));
    expect(found).toEqual([]);
  }, 120_000);

  it.each([
    ['devices/receipt/x.ts', "import { Outbox } from '../../offline-queue/outbox';", 'devices may not import offline-queue'],
    ['devices/receipt/x.ts', "import type { X } from '../../central/store';", 'devices may not import central'],
    ['devices/receipt/x.ts', "import { a } from '../../main/backend/context';", 'devices may not import main/backend'],
    ['offline-queue/x.ts', "import { a } from '../devices/manager';", 'offline-queue may not import devices'],
    ['offline-queue/x.ts', "export { a } from '../central/store';", 'offline-queue may not import central'],
    ['central/x.ts', "import { a } from '../offline-queue/outbox';", 'central may not import offline-queue'],
    ['central/x.ts', "const m = await import('../main/backend/app');", 'central may not import main/backend'],
    ['common/x.ts', "import { a } from '../devices/manager';", 'common may not import devices'],
    ['documents/x/y.ts', "import { a } from '../../devices/a4/pdf-builder';", 'documents may not import devices'],
    ['documents/x/y.ts', "import fs from 'node:fs';", 'documents may not use Node built-ins'],
    ['documents/x/y.ts', "import { drawIssuedPdf } from '../../central/issued-pdf';", 'documents may not import central'],
    ['devices/a4/x.ts', "import { guideDocument } from '../../documents/guide/guide-document';", 'devices may not import documents'],
    ['renderer/src/x.ts', "import { a } from '../../documents/model/a4-doc';", 'renderer may not import documents'],
    ['common/x.ts', "import fs from 'node:fs';", 'common may not use Node built-ins'],
    ['renderer/src/x.ts', "import { createApp } from '../../main/backend/app';", 'renderer may not import main/backend'],
    ['renderer/src/x.ts', "import type { BackendContext } from '../../main/backend/context';", 'renderer may not import main/backend'],
    // the API's types come written out (common/api/kiosk-api-types.ts): the backend's source would bring Node types along
    ['renderer/src/x.ts', "import type { ApiType } from '../../main/backend/app';", 'renderer may not import main/backend'],
    ['renderer/src/x.ts', "import path from 'node:path';", 'renderer may not use Node built-ins'],
    ['main/shell/x.ts', "import { keyProvider } from '../../offline-queue/crypto/key-provider';", 'main/shell may not import offline-queue'],
    ['main/backend/x.ts', "import { app } from 'electron';", 'main/backend may not import electron'],
    ['main/backend/x.ts', "import { a } from '../shell/policy';", 'main/backend may not import main/shell'],
  ])('%s: `%s` is refused', async (file, code, why) => {
    expect((await problems(file, code)).join('\n')).toContain(why);
  });

  it.each([
    ['renderer/src/x.ts', "import type { KioskApiSchema } from '../../common/api/kiosk-api-types';"],
    ['main/shell/x.ts', "import { boot } from '../backend/boot';"],
    ['central/x.test.ts', "import { a } from '../offline-queue/test-support/x';"],
    ['offline-queue/test-support/x.ts', "import { a } from '../../central/embedded';"],
    ['main/backend/x.ts', "import { a } from '../../devices/manager';"],
    ['main/backend/x.ts', "import { a } from '../../documents/guide/guide-document';"],
    ['devices/a4/x.ts', "import type { A4Doc } from '../../documents/model/a4-doc';"],
    ['central/routes/x.ts', "import { caseNoticeDoc } from '../../documents/case-notice/case-notice';"],
  ])('%s: `%s` is allowed', async (file, code) => {
    expect(await problems(file, code)).toEqual([]);
  });

  it('an effect that reads more than it lists is caught', async () => {
    const code = `import { useEffect } from 'react';
export function Step({ step, lang }: { step: string; lang: string }) {
  useEffect(() => { console.log(step, lang); }, [step]);
  return null;
}`;
    expect((await problems('renderer/src/x.tsx', code)).join('\n')).toMatch(/react-hooks\/exhaustive-deps: .*missing dependency: 'lang'/);
  });

  it('common/ is type-checked with neither DOM nor Node types', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-layer-'));
    try {
      fs.writeFileSync(path.join(dir, 'probe.ts'), 'export const t = document.title;\nexport const h = process.env.HOME;\n');
      fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ extends: path.join(root, 'common/tsconfig.layer.json'), include: [], files: ['probe.ts'] }));
      let out = '';
      try {
        execFileSync(path.join(root, 'node_modules/.bin/tsc'), ['-p', dir, '--noEmit'], { encoding: 'utf8' });
      } catch (e) {
        out = String((e as { stdout?: string }).stdout);
      }
      expect(out).toMatch(/probe\.ts\(1,\d+\): error TS\d+: Cannot find name 'document'/);
      expect(out).toMatch(/probe\.ts\(2,\d+\): error TS\d+: Cannot find name 'process'/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
