import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleCatalog } from '../../central/catalog/sample-catalog';
import type { RunningCentral } from '../../central/embedded';
import { nodeSuite } from '../crypto/node-suites';
import { openQueue, SERVICE_CODE, TERMINAL, TEST_SUITE, tempDir, testCentral, waitFor } from '../test-support/harness';
import { sampleSubmission } from '../test-support/sample-submission';

let dir: string;
let central: RunningCentral;
const toClose: (() => Promise<void>)[] = [];
beforeEach(async () => {
  dir = tempDir('sync-');
  central = await testCentral(dir);
});
afterEach(async () => {
  while (toClose.length) await toClose.pop()!();
  await central.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function kiosk(extra: Parameters<typeof openQueue>[2] = {}, url = central.url) {
  const k = openQueue(dir, url, extra);
  toClose.push(() => k.close());
  return k;
}

describe('sync engine', () => {
  it('delivers queued submissions with their pages in chunks, verified, each once', async () => {
    const k = kiosk({ sync: { chunkBytes: 4096, batchSize: 3 } });
    const receipts: string[] = [];
    for (let i = 0; i < 7; i++) {
      const r = k.queue.enqueue(sampleSubmission({ serviceCode: SERVICE_CODE, pages: 2, pageBytes: 10_000 }));
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      receipts.push(r.value.receiptNo);
    }
    k.queue.start();
    await waitFor(() => k.queue.status().sent === 7 && k.queue.status().state === 'idle', 30_000, 'all sent, engine idle');
    const cases = central.store.cases({ terminalId: TERMINAL.terminalId });
    expect(cases.map((c) => c.receipt_no).sort()).toEqual([...receipts].sort());
    // pages arrived intact: central's bytes match what the citizen scanned
    const row = k.store.outbox.byReceipt(receipts[0]!)!;
    const manifest = JSON.parse(cases.find((c) => c.receipt_no === receipts[0])!.manifest);
    const page0 = central.store.attachmentBytes(TERMINAL.terminalId, manifest.materials[0].pages[0].sha256)!;
    expect(page0.equals(k.queue.outbox.pageBytes(row, 0))).toBe(true);
    // progress events reached the UI bus, ending idle with nothing pending
    const progress = k.events.filter((e) => e.type === 'queue.progress');
    expect(progress.some((e) => e.type === 'queue.progress' && e.upload !== null)).toBe(true);
    expect(progress.at(-1)).toMatchObject({ state: 'idle', pending: 0, sent: 7 });
  }, 40_000);

  it('puts a submission central rejects on the dead-letter list with the reason, and retries it on request', async () => {
    const k = kiosk();
    const unknownCode = '320000-NEW-9999';
    const r = k.queue.enqueue(sampleSubmission({ serviceCode: unknownCode, pages: 1 }));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    k.queue.start();
    await waitFor(() => k.queue.status().dead === 1, 10_000, 'dead letter');
    const [dl] = k.queue.deadLetters();
    expect(dl).toMatchObject({ receiptNo: r.value.receiptNo, code: 'unknown-service' });
    expect(dl!.reason).toContain(unknownCode);
    expect(k.events).toContainEqual(expect.objectContaining({ type: 'queue.dead-letter', receiptNo: r.value.receiptNo }));
    expect(central.store.countCases()).toBe(0);
    // central learns the service (a newer catalog), a technician retries: delivered once
    const extra = { ...sampleCatalog.services[0]!, code: unknownCode };
    central.store.publishCatalog({ ...sampleCatalog, version: `${sampleCatalog.version}-b`, services: [...sampleCatalog.services, extra] });
    expect(k.queue.retryDeadLetter(dl!.id)).toBe(true);
    await waitFor(() => k.queue.status().sent === 1, 10_000, 'sent after retry');
    expect(k.queue.deadLetters()).toEqual([]);
    expect(central.store.countCases()).toBe(1);
  });

  it('waits with backoff while central is unreachable and delivers after it comes back', async () => {
    const k = kiosk();
    central.faults.update({ downForSec: 30 });
    const r = k.queue.enqueue(sampleSubmission({ serviceCode: SERVICE_CODE }));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    k.queue.start();
    await waitFor(() => k.queue.status().state === 'offline', 5000, 'offline');
    expect(k.queue.status().lastFailure).toBe('network');
    expect(k.logs.map((l) => l.event)).toContain('queue.sync.offline');
    central.faults.update({ downForSec: 0 });
    await waitFor(() => k.queue.status().sent === 1, 5000, 'sent after reconnect');
    expect(k.logs.map((l) => l.event)).toContain('queue.sync.online');
    expect(k.queue.status().lastSyncAt).not.toBeNull();
    expect(k.queue.status().lastFailure).toBeNull();
  });

  it('stops on refused credentials with an alert, without dead-lettering anything', async () => {
    // Credentials central does not know: another HMAC secret, or (sm suite) another SM2 key.
    const k = kiosk(TEST_SUITE === 'sm' ? { signingKey: nodeSuite('sm').generateSigningKeyPair() } : { terminalSecret: 'w'.repeat(43) });
    k.queue.enqueue(sampleSubmission({ serviceCode: SERVICE_CODE }));
    k.queue.start();
    await waitFor(() => k.queue.status().state === 'auth-failed', 5000, 'auth-failed');
    expect(k.queue.status()).toMatchObject({ pending: 1, dead: 0, lastFailure: 'auth' });
    expect(k.queue.status().alerts.map((a) => a.kind)).toContain('auth');
    expect(k.queue.status().alerts).toContainEqual(expect.objectContaining({ code: 'auth-refused', detail: expect.any(String) }));
  });
});
