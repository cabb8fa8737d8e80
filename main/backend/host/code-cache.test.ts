// The code cache is an optimisation: a data dir where it cannot live gives a start without it,
// never a failed start. (The cache at work — written, used, a corrupt one refused and rewritten —
// is proven on the production bundle in scripts/production-build.test.ts.)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { enableCodeCache } from './code-cache';

let dir: string | undefined;
afterEach(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

describe('enableCodeCache', () => {
  it('says it failed, without throwing, when the data dir cannot hold it', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'code-cache-'));
    const notADir = path.join(dir, 'data');
    fs.writeFileSync(notADir, 'a file where the data dir should be');
    const r = enableCodeCache(notADir);
    expect(r.kind).toBe('failed');
    expect(r.kind === 'failed' && r.message).toMatch(/EEXIST|ENOTDIR/);
  });
});
