// scanimage's failure handling with stand-in binaries: what a misbehaving backend does.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/wait';
import { listDevices, scan } from './scanimage';

const dir = tempDir('scanimage');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function fakeBinary(name: string, script: string): string {
  const f = path.join(dir, name);
  fs.writeFileSync(f, `#!/bin/sh\n${script}\n`, { mode: 0o755 });
  return f;
}

const opts = { sources: ['Flatbed', 'Automatic Document Feeder'], modes: ['Gray', 'Color'] };

describe('scanimage runner', () => {
  it('ends a backend that reports a jam and then hangs, and reports the jam', async () => {
    const binary = fakeBinary('hangs', 'echo "scanimage: sane_read: Document feeder jammed" >&2\nexec sleep 60');
    const t = Date.now();
    const r = await scan({ configDir: null, binary }, 'x:0', { source: 'adf', mode: 'color', resolution: 100, format: 'png' }, opts);
    expect(r).toMatchObject({ ok: false, error: { kind: 'jammed', detail: expect.stringContaining('jammed') } });
    expect(Date.now() - t).toBeLessThan(6000);
  });

  it('reports a scanner that is not there', async () => {
    const binary = fakeBinary('missing', 'echo "scanimage: open of device x:0 failed: Invalid argument" >&2\nexit 1');
    expect(await scan({ configDir: null, binary }, 'x:0', { source: 'flatbed', mode: 'gray', resolution: 100, format: 'png' }, opts)).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  });

  it('says SANE is unavailable when scanimage is not installed', async () => {
    expect(await listDevices({ configDir: null, binary: path.join(dir, 'no-such-binary') })).toMatchObject({ ok: false, error: { kind: 'unavailable' } });
  });

  it('refuses an ADF scan on a flatbed-only scanner with a reason', async () => {
    const r = await scan({ configDir: null, binary: '/bin/true' }, 'x:0', { source: 'adf', mode: 'gray', resolution: 100, format: 'png' }, { sources: ['Flatbed'], modes: ['Gray'] });
    expect(r).toMatchObject({ ok: false, error: { kind: 'error', detail: expect.stringContaining('no document feeder') } });
  });
});
