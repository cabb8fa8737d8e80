// The renderer reads every backend answer through renderer/src/call.ts, whose types come from the
// API type: a hand-cast body (`(await res.json()) as X`, `json<T>()`), a shape probe
// (`'message' in body`) or a request that skips call()/send() would let a screen drift from what
// the backend really answers without the compiler noticing.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const rendererSrc = path.join(root, 'renderer', 'src');
/** The one module allowed to parse a body and state its type. */
const CALL_MODULE = path.join(rendererSrc, 'call.ts');

const RULES: { name: string; pattern: RegExp }[] = [
  { name: 'reads a body itself (use call())', pattern: /\.json\(\s*\)/ },
  { name: 'generic body read (json<T>, techJson<T>)', pattern: /\b(json|techJson)\s*</ },
  { name: 'probes a body for a field', pattern: /['"][\w-]+['"]\s+in\s+[\w.]+/ },
  { name: 'types an answer from the whole status union (use Answer<>)', pattern: /\bInferResponseType\b/ },
  { name: 'raw fetch bypasses the typed client', pattern: /(^|[^\w.])fetch\s*\(/ },
  { name: 'casts an answer', pattern: /\b(res|body|r|response|answer)\s*\)?\s+as\s+(?!const\b)/ },
];

/** A request on the typed client (`api.x.$post(`) must be the argument of call/techCall/techValue/send. */
const REQUEST = /(\b[\w$]+\()?\s*(?:api|pages)(?:\.[\w$]+|\[[^\]]+\])*\.\$(get|post|put|delete|patch)\(/g;
const WRAPPERS = new Set(['call(', 'techCall(', 'techValue(', 'send(']);

export function findings(file: string, text: string): string[] {
  const out: string[] = [];
  const lines = text.split('\n');
  const code = lines.map((line) => line.replace(/\/\/.*$/, ''));
  const at = (i: number) => `${path.relative(root, file)}:${i + 1}`;
  code.forEach((c, i) => {
    for (const r of RULES) if (r.pattern.test(c)) out.push(`${at(i)} ${r.name}: ${lines[i]!.trim()}`);
  });
  // Over the whole text: a formatter may put the request on the line after `call(`.
  const whole = code.join('\n');
  for (const m of whole.matchAll(REQUEST)) {
    if (m[1] && WRAPPERS.has(m[1].trim())) continue;
    const i = whole.slice(0, m.index + (m[0].length - m[0].trimStart().length)).split('\n').length - 1;
    out.push(`${at(i)} request not read through call()/send(): ${lines[i]!.trim()}`);
  }
  return out;
}

function rendererSources(): string[] {
  return fs
    .readdirSync(rendererSrc, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .filter((f) => f !== CALL_MODULE);
}

describe('renderer reads answers only through call()', () => {
  it('no renderer source casts, probes or reads an answer by hand', () => {
    const found = rendererSources().flatMap((f) => findings(f, fs.readFileSync(f, 'utf8')));
    expect(found).toEqual([]);
  });

  it('recognises each pattern it forbids (so the scan above cannot pass by matching nothing)', () => {
    const bad = [
      'const body = (await res.json()) as { ok: boolean };',
      'setView(await techJson<QueueView>(api.maintenance.queue.$get()));',
      "if ('message' in body) setProblem(body.message);",
      'type X = InferResponseType<typeof api.system.info.$get>;',
      "const res = await fetch('/api/face/verify', { method: 'POST' });",
      'const v = body as Info;',
      'const res = await api.journey.identity.$get();',
      "void api.devices.pages[':id'].$delete({ param: { id } });",
      'const res = await\n  api.journey.submit.$post({ json });',
    ];
    for (const line of bad) expect(findings(path.join(rendererSrc, 'x.ts'), line), line).not.toEqual([]);
    const good = [
      "const r = await call(api.journey.services[':code'].form.$get({ param: { code } }));",
      'void send(api.usage.end.$post({ json: { session } }));',
      'type Info = Answer<typeof api.maintenance.terminal.$get>;',
      'const r = await call(\n  api.journey.submit.$post({ json }),\n);',
    ];
    for (const line of good) expect(findings(path.join(rendererSrc, 'x.ts'), line), line).toEqual([]);
  });
});
