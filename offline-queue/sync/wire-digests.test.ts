// What a terminal's uploads carry (issue 16): an sm terminal names its pages and its receipt
// claims by SM3 (`sm3:…`), an international one by SHA-256, as central receives and stores them;
// and a backlog queued under international before a switch to sm goes out in SM3, so central —
// holding the terminal to sm with no transition window — files all of it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningCentral } from '../../central/embedded';
import type { SuiteTag } from '../../common/crypto-suite/suite';
import { receiptClaimDigest } from '../../common/receipt-claim';
import { nodeSuite } from '../crypto/node-suites';
import { openQueue, SERVICE_CODE, TERMINAL, tempDir, testCentral, waitFor } from '../test-support/harness';
import { sampleSubmission } from '../test-support/sample-submission';

let dir: string;
let central: RunningCentral | null = null;
const toClose: (() => Promise<void>)[] = [];
beforeEach(() => {
  dir = tempDir('wire-digests-');
});
afterEach(async () => {
  while (toClose.length) await toClose.pop()!();
  await central?.close();
  central = null;
  fs.rmSync(dir, { recursive: true, force: true });
});

function kiosk(suite: SuiteTag, extra: Parameters<typeof openQueue>[2] = {}) {
  const k = openQueue(dir, central!.url, { suite, ...extra });
  toClose.push(() => k.close());
  return k;
}

const hashOf = (suite: SuiteTag, b: Uint8Array) => (suite === 'sm' ? `sm3:${crypto.createHash('sm3').update(b).digest('hex')}` : crypto.createHash('sha256').update(b).digest('hex'));

/** The digests central holds for this terminal's attachments, and each case's pages and claim digest. */
function atCentral() {
  const attachments = (central!.store.db.prepare('SELECT sha256 FROM attachments WHERE terminal_id = ? ORDER BY sha256').all(TERMINAL.terminalId) as { sha256: string }[]).map((r) => r.sha256);
  const cases = central!.store.cases({ terminalId: TERMINAL.terminalId }).map((c) => {
    const m = JSON.parse(c.manifest) as { materials: { pages: { sha256: string }[] }[] };
    return { receiptNo: c.receipt_no, pages: m.materials.flatMap((x) => x.pages.map((p) => p.sha256)), claimDigest: c.claim_digest };
  });
  return { attachments, cases };
}

describe('digests on the wire', () => {
  it.each(['sm', 'international'] as const)(
    'a %s terminal names each page and its receipt claim with its own hash, and central holds the bytes under it',
    async (suite) => {
      central = await testCentral(dir, suite);
      const k = kiosk(suite, { sync: { chunkBytes: 2048 } });
      const r = k.queue.enqueue(sampleSubmission({ serviceCode: SERVICE_CODE, pages: 2, pageBytes: 5000 }));
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      k.queue.start();
      await waitFor(() => k.queue.status().sent === 1, 20_000, 'sent');

      const row = k.store.outbox.byReceipt(r.value.receiptNo)!;
      const pages = [0, 1].map((seq) => k.queue.outbox.pageBytes(row, seq));
      const want = pages.map((b) => hashOf(suite, b));
      const seen = atCentral();
      expect(seen.attachments).toEqual([...want].sort());
      expect(seen.cases).toEqual([{ receiptNo: r.value.receiptNo, pages: want, claimDigest: await receiptClaimDigest(k.queue.outbox.claim(row)!, nodeSuite(suite)) }]);
      if (suite === 'sm') expect(seen.cases[0]!.claimDigest).toMatch(/^sm3:/);
      // central holds what the citizen scanned, under that digest
      expect(central.store.attachmentBytes(TERMINAL.terminalId, want[1]!)!.equals(pages[1]!)).toBe(true);
    },
    40_000,
  );

  it('sends a backlog queued under international in SM3 once the terminal runs sm, to a central that refuses SHA-256 from it', async () => {
    central = await testCentral(dir, 'international');
    central.faults.update({ downForSec: 600 });
    const before = openQueue(dir, central.url, { suite: 'international' });
    const receipts: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = before.queue.enqueue(sampleSubmission({ serviceCode: SERVICE_CODE, pages: 1, pageBytes: 3000 }));
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      receipts.push(r.value.receiptNo);
    }
    await before.close();
    // central holds the terminal to sm with no window: any SHA-256 it files is refused
    central.store.setTerminalSuite(TERMINAL.terminalId, { suite: 'sm', transitionUntil: null });
    central.faults.update({ downForSec: 0 });
    const after = kiosk('sm');
    after.queue.start();
    await waitFor(() => after.queue.status().sent === 3, 30_000, 'backlog sent');
    expect(after.queue.deadLetters()).toEqual([]);
    const seen = atCentral();
    expect(seen.cases.map((c) => c.receiptNo).sort()).toEqual([...receipts].sort());
    for (const c of seen.cases) {
      expect(c.pages.every((d) => d.startsWith('sm3:'))).toBe(true);
      expect(c.claimDigest).toMatch(/^sm3:/);
    }
    expect(seen.attachments.every((d) => d.startsWith('sm3:'))).toBe(true);
  }, 60_000);
});
