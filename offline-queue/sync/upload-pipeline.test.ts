// The upload pipeline against a real central: what goes on the wire for each page (one request
// for a page that fits in one chunk, declaration first and chunks in order for a larger one),
// several pages in flight at once, a central before contract 1.3.0, and a dropped request.
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunningCentral } from '../../central/embedded';
import { openQueue, SERVICE_CODE, TERMINAL, tempDir, testCentral, waitFor } from '../test-support/harness';
import { sampleSubmission } from '../test-support/sample-submission';

let dir: string;
let central: RunningCentral;
const toClose: (() => Promise<void>)[] = [];
beforeEach(async () => {
  dir = tempDir('upload-');
  central = await testCentral(dir);
});
afterEach(async () => {
  while (toClose.length) await toClose.pop()!();
  await central.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Sent {
  kind: 'declare' | 'chunk';
  digest: string;
  offset?: number;
  /** a chunk that carried the declaration */
  declaring?: boolean;
}

/** A fetch that records what the kiosk sends about attachments and how many requests are in flight; `answer` may stand in for central. */
function recordingFetch(answer?: (s: Sent, n: number) => Response | Error | null) {
  const sent: Sent[] = [];
  let inFlight = 0;
  let most = 0;
  const f: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    let s: Sent | null = null;
    if (url.pathname === '/v1/attachments' && init?.method === 'POST')
      s = { kind: 'declare', digest: (JSON.parse(Buffer.from(init.body as Uint8Array).toString('utf8')) as { sha256: string }).sha256 };
    const m = /^\/v1\/attachments\/([^/]+)\/content$/.exec(url.pathname);
    if (m) s = { kind: 'chunk', digest: decodeURIComponent(m[1]!), offset: Number(url.searchParams.get('offset')), declaring: url.searchParams.has('size') };
    if (s) sent.push(s);
    const stand = s && answer ? answer(s, sent.length) : null;
    if (stand instanceof Error) throw stand;
    if (stand) return stand;
    inFlight++;
    most = Math.max(most, inFlight);
    try {
      return await globalThis.fetch(input, init);
    } finally {
      inFlight--;
    }
  };
  return { fetch: f, sent, mostInFlight: () => most };
}

function kiosk(f: typeof fetch, sync: Record<string, number> = {}) {
  const k = openQueue(dir, central.url, { fetch: f, sync: { chunkBytes: 4096, uploadConcurrency: 4, ...sync } });
  toClose.push(() => k.close());
  return k;
}

/** What the kiosk sent for each page, by digest, in order. */
function byPage(sent: Sent[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const s of sent) out.set(s.digest, [...(out.get(s.digest) ?? []), s.kind === 'declare' ? 'declare' : `chunk@${s.offset}${s.declaring ? '+declared' : ''}`]);
  return out;
}

function casePages(receipts: string[]) {
  const mine = new Set(receipts);
  const cases = central.store.cases({ terminalId: TERMINAL.terminalId }).filter((c) => mine.has(c.receipt_no));
  return {
    cases,
    pages: cases.flatMap((c) => (JSON.parse(c.manifest) as { materials: { pages: { sha256: string; size: number }[] }[] }).materials.flatMap((m) => m.pages)),
  };
}

function enqueue(k: ReturnType<typeof kiosk>, pages: number, pageBytes: number): string {
  const r = k.queue.enqueue(sampleSubmission({ serviceCode: SERVICE_CODE, pages, pageBytes }));
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value.receiptNo;
}

describe('upload pipeline', () => {
  it('sends a one-chunk page as one request that declares it, declares a larger page first and sends its chunks in order, several pages at once', async () => {
    const rec = recordingFetch();
    const k = kiosk(rec.fetch);
    const receipts = [enqueue(k, 3, 3000), enqueue(k, 3, 10_000)];
    k.queue.start();
    await waitFor(() => k.queue.status().sent === 2, 30_000, 'both sent');
    const { cases, pages } = casePages(receipts);
    expect(cases).toHaveLength(2);
    const sequences = byPage(rec.sent);
    for (const p of pages) {
      const seq = sequences.get(p.sha256);
      if (p.size === 3000) expect(seq, 'one-chunk page').toEqual(['chunk@0+declared']);
      else expect(seq, 'three-chunk page').toEqual(['declare', 'chunk@0', 'chunk@4096', 'chunk@8192']);
      expect(central.store.attachmentBytes(TERMINAL.terminalId, p.sha256)?.length).toBe(p.size);
    }
    expect(rec.mostInFlight()).toBeGreaterThan(1);
  }, 40_000);

  it('declares first when central is older than contract 1.3.0 and answers a declaring chunk with "declare first"', async () => {
    const old = recordingFetch((s) =>
      s.kind === 'chunk' && s.declaring ? new Response(JSON.stringify({ error: 'not-found', message: 'declare first' }), { status: 404, headers: { 'content-type': 'application/json' } }) : null,
    );
    const k = kiosk(old.fetch);
    const receipts = [enqueue(k, 2, 3000)];
    k.queue.start();
    await waitFor(() => k.queue.status().sent === 1, 30_000, 'sent');
    const { pages } = casePages(receipts);
    for (const p of pages) {
      expect(byPage(old.sent).get(p.sha256)).toEqual(['chunk@0+declared', 'declare', 'chunk@0']);
      expect(central.store.attachmentBytes(TERMINAL.terminalId, p.sha256)?.length).toBe(p.size);
    }
    expect(k.queue.status().dead).toBe(0);
  }, 40_000);

  it('marks the pages of every submission a pass uploaded in one commit, does not send them again when the batch that would file them got no answer, and marks the filed ones sent in one commit', async () => {
    const rec = recordingFetch();
    let batches = 0;
    const lostFirstBatch: typeof fetch = async (input, init) => {
      if (new URL(input instanceof Request ? input.url : String(input)).pathname === '/v1/submissions/batch' && ++batches === 1) throw new TypeError('fetch failed');
      return rec.fetch(input, init);
    };
    const k = kiosk(lostFirstBatch);
    const marks = vi.spyOn(k.store.outbox, 'markPagesUploaded');
    const filed = vi.spyOn(k.store.outbox, 'markSentAll');
    const receipts = [enqueue(k, 2, 3000), enqueue(k, 3, 3000), enqueue(k, 2, 3000)];
    k.queue.start();
    await waitFor(() => k.queue.status().sent === 3, 30_000, 'all sent');
    expect(batches).toBeGreaterThan(1);
    // the first pass's marks: one call for its three submissions, before its batch went out
    expect(marks.mock.calls[0]![0].filter((m) => m.seqs.length).map((m) => m.seqs.length)).toEqual([2, 3, 2]);
    for (const p of casePages(receipts).pages) expect(byPage(rec.sent).get(p.sha256), 'sent once').toEqual(['chunk@0+declared']);
    // and the batch answer that filed all three was kept in one commit
    expect(filed.mock.calls.map((c) => c[0].length)).toEqual([3]);
  }, 40_000);

  it('retries a page whose request was lost on the way, and central holds every page and case once', async () => {
    // The third attachment request and the first chunk of a larger page get no answer.
    let droppedLarge = false;
    const flaky = recordingFetch((s, n) => {
      if (n === 3) return new TypeError('fetch failed');
      if (s.kind === 'chunk' && s.offset === 4096 && !droppedLarge) {
        droppedLarge = true;
        return new TypeError('fetch failed');
      }
      return null;
    });
    const k = kiosk(flaky.fetch);
    const receipts = [enqueue(k, 3, 3000), enqueue(k, 2, 10_000), enqueue(k, 2, 3000)];
    k.queue.start();
    await waitFor(() => k.queue.status().sent === 3, 30_000, 'all sent');
    const { cases, pages } = casePages(receipts);
    expect(cases.map((c) => c.receipt_no).sort()).toEqual([...receipts].sort());
    expect(droppedLarge).toBe(true);
    for (const p of pages) {
      expect(central.store.attachmentBytes(TERMINAL.terminalId, p.sha256)?.length).toBe(p.size);
      const stored = central.store.db.prepare('SELECT SUM(length(data)) AS n FROM attachment_chunks WHERE terminal_id = ? AND sha256 = ?').get(TERMINAL.terminalId, p.sha256) as { n: number };
      expect(stored.n).toBe(p.size);
    }
    // the dropped page went out again
    const third = flaky.sent[2]!;
    expect(flaky.sent.filter((s) => s.digest === third.digest && s.kind === 'chunk').length).toBeGreaterThan(1);
  }, 40_000);
});
