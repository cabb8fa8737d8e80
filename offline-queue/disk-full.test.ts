// A full disk (ENOSPC on a small tmpfs): the citizen is told clearly before any receipt,
// nothing already queued is damaged, and enqueueing works again once space returns.
// Needs root for `mount -t tmpfs`; where that is impossible this test FAILS with the reason.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sealer } from './crypto/sealer';
import { fileKeyProvider } from './crypto/key-provider';
import { DISK_FULL_MESSAGE, Outbox } from './outbox';
import { Store } from './store/store';
import { tempDir } from './test-support/harness';
import { sampleSubmission } from './test-support/sample-submission';
import { tempKiosk } from '../main/backend/test-support/temp-kiosk';
import { sampleCatalog } from '../central/catalog/sample-catalog';
import { uuidv7 } from '../common/uuidv7';
import { testIdNumber } from './test-support/sample-submission';

const mounts: string[] = [];
let root: string;

function mountTmpfs(name: string, size: string): string {
  const dir = path.join(root, name);
  fs.mkdirSync(dir, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (e) {
    const why = (e as { stderr?: Buffer }).stderr?.toString().trim() || (e as Error).message;
    throw new Error(`cannot mount a tmpfs for the disk-full test (needs root / CAP_SYS_ADMIN): ${why}`);
  }
  mounts.push(dir);
  return dir;
}

beforeAll(() => {
  root = tempDir('diskfull-');
});
afterAll(() => {
  for (const m of mounts.reverse()) {
    try {
      execFileSync('umount', [m]);
    } catch {
      execFileSync('umount', ['-l', m]);
    }
  }
  fs.rmSync(root, { recursive: true, force: true });
});

function fill(dir: string, leaveBytes: number): string {
  const filler = path.join(dir, 'filler.bin');
  const st = fs.statfsSync(dir);
  const free = st.bavail * st.bsize;
  fs.writeFileSync(filler, Buffer.alloc(Math.max(0, free - leaveBytes)));
  return filler;
}

describe('disk full', () => {
  for (const mode of ['early check', 'SQLite SQLITE_FULL'] as const) {
    it(`refuses before a receipt, keeps what was queued, and recovers when space returns (${mode})`, () => {
      const dir = mountTmpfs(mode === 'early check' ? 'a' : 'b', '4m');
      const dbFile = path.join(dir, 'kiosk.db');
      const store = Store.open(dbFile);
      const { key } = fileKeyProvider(path.join(dir, 'keys', 'outbox.key')).loadKey();
      const outbox = new Outbox({ store, sealer: new Sealer(key), terminalId: 'KSK0001', dbFile, freeSpaceCheck: mode === 'early check' });
      const filler = fill(dir, 1_200_000);
      const receipts: string[] = [];
      let refusal: { kind: string; message: string } | null = null;
      for (let i = 0; i < 40 && !refusal; i++) {
        const r = outbox.enqueue(sampleSubmission({ pages: 2, pageBytes: 60_000 }));
        if (r.ok) receipts.push(r.value.receiptNo);
        else refusal = r.error;
      }
      expect(refusal).toEqual({ kind: 'disk-full', message: DISK_FULL_MESSAGE });
      expect(receipts.length).toBeGreaterThan(0);
      // nothing half-written: exactly the receipted submissions, all readable, database intact
      expect(store.outbox.counts().pending).toBe(receipts.length);
      for (const row of store.outbox.due(Date.now(), 1000)) expect(outbox.manifest(row).receiptNo).toBe(row.receipt_no);
      expect((store.db.pragma('integrity_check') as { integrity_check: string }[])[0]!.integrity_check).toBe('ok');
      // space returns → the next citizen gets the next receipt number
      fs.rmSync(filler);
      const again = outbox.enqueue(sampleSubmission({ pages: 2, pageBytes: 60_000 }));
      expect(again.ok).toBe(true);
      if (again.ok) expect(again.value.receiptNo.slice(-4)).toBe(String(receipts.length + 1).padStart(4, '0'));
      store.close();
      // and the file reopens cleanly (no quarantine)
      const reopened = Store.open(dbFile);
      expect(reopened.opened.quarantinedTo).toBeNull();
      expect(reopened.outbox.counts().pending).toBe(receipts.length + 1);
      reopened.close();
      const raw = new Database(dbFile, { readonly: true });
      expect((raw.pragma('integrity_check') as { integrity_check: string }[])[0]!.integrity_check).toBe('ok');
      raw.close();
    });
  }

  it('answers the kiosk API with 507 and a clear bilingual message, issuing no receipt', async () => {
    const dir = mountTmpfs('api', '12m');
    const k = await tempKiosk({ dataDir: dir });
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
      expect(json).toEqual({ error: 'disk-full', message: DISK_FULL_MESSAGE });
      expect(json.receiptNo).toBeUndefined();
      expect((await (await k.get('/api/queue/status')).json()).alerts.map((a: { kind: string }) => a.kind)).toContain('disk-full');
      fs.rmSync(filler);
      const ok = await post();
      expect(ok.status).toBe(201);
      expect((await ok.json()).receiptNo).toMatch(/-0001$/);
    } finally {
      await k.close();
    }
  });
});
