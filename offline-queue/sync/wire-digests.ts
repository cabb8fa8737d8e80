// The digests a submission carries to central, made at send time with the terminal's suite
// (issue 16): SHA-256 for `international`, SM3 (`sm3:…`) for `sm` — pages and the receipt's
// claim alike. The outbox keeps each page's SHA-256 from enqueue as its local identity; a
// submission queued before a switch to sm is sent with SM3 like any other, so a backlog never
// meets central's refusal of SHA-256 from an sm terminal once the transition window closes.
// (A submission central already filed with the other algorithm is recognised as a resend:
// central/tables/case-tables.ts.)
import type { SubmissionManifest } from '../../common/central-api';
import { contentDigest } from '../../common/content-digest';
import type { CryptoSuite } from '../../common/crypto-suite/suite';
import { receiptClaimDigest } from '../../common/receipt-claim';
import type { Outbox } from '../outbox';
import type { SubmissionRow } from '../store/outbox-tables';
import type { Store } from '../store/store';

/** Wire digest of each page, by the SHA-256 the outbox stored for it. */
export type WireDigests = ReadonlyMap<string, string>;

/** Rows whose page digests are remembered; past it the memory starts afresh (a backlog is drained in order). */
const REMEMBERED_ROWS = 2000;

/**
 * The wire digest of every page of a submission. An sm terminal opens and hashes each page once
 * per run, not at every pass: a backlog retried through an outage must not re-read its pages.
 */
export class PageWireDigests {
  private readonly known = new Map<number, WireDigests>();

  constructor(
    private readonly deps: { store: Store; outbox: Outbox },
    private readonly suite: CryptoSuite,
  ) {}

  of(row: SubmissionRow): WireDigests {
    const known = this.known.get(row.id);
    if (known) return known;
    const out = new Map<string, string>();
    for (const p of this.deps.store.outbox.pages(row.id)) {
      if (out.has(p.sha256)) continue;
      // The stored digest is the page's SHA-256, made from the same bytes at enqueue.
      out.set(p.sha256, this.suite.tag === 'international' ? p.sha256 : contentDigest(this.suite, this.deps.outbox.pageBytes(row, p.seq)));
    }
    if (this.known.size >= REMEMBERED_ROWS) this.known.clear();
    this.known.set(row.id, out);
    return out;
  }

  /** Forgets a submission central filed or refused for good. */
  forget(rowId: number): void {
    this.known.delete(rowId);
  }
}

/** The manifest as central gets it: page references and the claim's digest in the terminal's suite. */
export async function manifestForWire(manifest: SubmissionManifest, wire: WireDigests, claim: string | null, suite: CryptoSuite): Promise<SubmissionManifest> {
  const materials = manifest.materials.map((m) => ({
    ...m,
    pages: m.pages.map((p) => {
      const digest = wire.get(p.sha256);
      if (!digest) throw new Error(`page ${p.name} is not in the outbox`);
      return { ...p, sha256: digest };
    }),
  }));
  // Central gets the digest of the receipt's claim, never the claim.
  return { ...manifest, materials, ...(claim ? { claimDigest: await receiptClaimDigest(claim, suite) } : {}) };
}
