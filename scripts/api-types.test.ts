// The renderer compiles against the API written out as plain types (common/api/kiosk-api-types.ts),
// never against the backend's source: so its layer check runs without Node types and still infers
// every answer. This proves the file says what the routes say, that the renderer's check holds no
// Node type, and that Node used in renderer code fails that check.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { API_TYPES_FILE, apiTypesSource } from './api-types';

const root = path.resolve(import.meta.dirname, '..');
const LAYER_CONFIG = path.join(root, 'renderer', 'tsconfig.layer.json');

function rendererProgram(extra?: { file: string; text: string }) {
  const config = ts.getParsedCommandLineOfConfigFile(LAYER_CONFIG, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
  const host = ts.createCompilerHost(config.options);
  if (extra) {
    const read = host.readFile.bind(host);
    const exists = host.fileExists.bind(host);
    host.readFile = (f) => (path.resolve(f) === extra.file ? extra.text : read(f));
    host.fileExists = (f) => path.resolve(f) === extra.file || exists(f);
  }
  const files = extra ? [...config.fileNames, extra.file] : config.fileNames;
  return ts.createProgram(files, config.options, host);
}

const messages = (ds: readonly ts.Diagnostic[]) => ds.map((d) => `${d.file ? path.relative(root, d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);

describe('the API types the renderer compiles against', () => {
  it('are what the routes say (run `npm run api-types` after changing a route)', async () => {
    expect(fs.readFileSync(API_TYPES_FILE, 'utf8')).toBe(await apiTypesSource());
  }, 300_000);

  it('hold no Node type: the renderer’s layer check loads neither @types/node nor any backend module, and passes', () => {
    const program = rendererProgram();
    const files = program.getSourceFiles().map((f) => path.relative(root, f.fileName));
    expect(files.filter((f) => f.includes('@types/node'))).toEqual([]);
    expect(files.filter((f) => /^(main|devices|offline-queue|central|documents)\//.test(f))).toEqual([]);
    expect(messages(ts.getPreEmitDiagnostics(program))).toEqual([]);
  }, 300_000);

  it('fail renderer code that uses Node', () => {
    const file = path.join(root, 'renderer', 'src', 'uses-node.ts');
    const program = rendererProgram({ file, text: "export const bytes = Buffer.from('x');\nexport const env = process.env.HOME;\n" });
    const found = messages(ts.getPreEmitDiagnostics(program, program.getSourceFile(file)));
    expect(found.some((m) => m.includes("Cannot find name 'Buffer'"))).toBe(true);
    expect(found.some((m) => m.includes("Cannot find name 'process'"))).toBe(true);
  }, 300_000);
});
