// A full disk at the kiosk API: the citizen gets a clear refusal (HTTP 507, `disk-full`, worded by
// the renderer's refusal table, renderer/src/i18n/refusals.test.ts) and no receipt;
// the next submission works once space returns. Needs root to mount a tmpfs (fails loudly otherwise).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleCatalog } from '../../central/catalog/sample-catalog';
import { uuidv7 } from '../../common/uuidv7';
import { testIdNumber } from '../../offline-queue/test-support/sample-submission';
import { fillVolume as fill, mountTmpfs } from '../../offline-queue/test-support/tmpfs';
import { tempKiosk } from './test-support/temp-kiosk';

let root: string;
let unmount: (() => void) | null = null;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'api-diskfull-'));
});
afterAll(() => {
  unmount?.();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('submissions API on a full disk', () => {
  it('answers the kiosk API with 507 disk-full, issuing no receipt', async () => {
    const dir = path.join(root, 'data');
    unmount = mountTmpfs(dir, '12m');
    const k = await tempKiosk({ dataDir: dir, overrides: { devTools: true } });
    try {
      const service = sampleCatalog.services.find((s) => s.kioskFull)!;
      const filler = fill(dir, 600_000);
      const body = {
        idempotencyKey: uuidv7(),
        serviceCode: service.code,
        applicant: { name: '赵六', idNumber: testIdNumber(9), phone: null },
        form: {},
        materials: [{ materialId: service.materials[0]!.id, provision: 'scanned', pages: [{ mime: 'image/jpeg', data: Buffer.alloc(700_000, 7).toString('base64') }] }],
        channel: 'kiosk',
        delivery: 'kiosk_print',
      };
      const post = () => k.get('/api/submissions', { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
      const res = await post();
      expect(res.status).toBe(507);
      const json = await res.json();
      expect(json).toMatchObject({ error: 'disk-full' });
      expect(json.message).toBeUndefined();
      expect(json.receiptNo).toBeUndefined();
      expect((await (await k.asTechnician('/api/queue/status')).json()).alerts.map((a: { kind: string }) => a.kind)).toContain('disk-full');
      fs.rmSync(filler);
      const ok = await post();
      expect(ok.status).toBe(201);
      expect((await ok.json()).receiptNo).toMatch(/-0001$/);
    } finally {
      await k.close();
    }
  });
});
