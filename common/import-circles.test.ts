// common/ is the bottom layer; a circle inside it (even through `import type`) means a type sits
// in the wrong module, and makes module load order decide what is undefined at run time.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';

const here = import.meta.dirname;

function modules(): string[] {
  return fs
    .readdirSync(here, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && !e.parentPath.includes('test-support'))
    .map((e) => path.join(e.parentPath, e.name));
}

function localImports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\s[^'";]*?from\s+'(\.[^']+)'/gm)].map((m) => path.resolve(path.dirname(file), m[1]!) + '.ts');
}

test('no import circle inside common/, type imports included', () => {
  const graph = new Map(modules().map((f) => [f, localImports(f)]));
  const circles: string[] = [];
  const done = new Set<string>();
  const visit = (f: string, stack: string[]): void => {
    if (stack.includes(f)) {
      circles.push([...stack.slice(stack.indexOf(f)), f].map((p) => path.relative(here, p)).join(' → '));
      return;
    }
    if (done.has(f)) return;
    for (const d of graph.get(f) ?? []) visit(d, [...stack, f]);
    done.add(f);
  };
  for (const f of graph.keys()) visit(f, []);
  expect(circles).toEqual([]);
});
