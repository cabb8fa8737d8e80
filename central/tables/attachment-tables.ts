// Attachments uploaded in chunks, hashed whole when the last byte arrives, with the algorithm
// their digest names (SHA-256, or SM3 for `sm3:` digests: common/content-digest.ts). The digest,
// tag included, is the attachment's key in the `sha256` column (named before SM3): a bare hex
// there, as in every row written before, is SHA-256.
import type { AttachmentRef, AttachmentState } from '../../common/central-api';
import { digestAlgOf, formatDigest, suiteOfDigestAlg } from '../../common/content-digest';
import { centralSuite } from '../crypto-suites';
import type { Db } from './database';

export class AttachmentTables {
  constructor(private readonly db: Db) {}

  /** Declares an attachment (idempotent) and says how much of it central already holds. */
  initAttachment(terminalId: string, ref: AttachmentRef): AttachmentState | { conflict: string } {
    const existing = this.attachment(terminalId, ref.sha256);
    if (existing) {
      if (existing.size !== ref.size) return { conflict: '同一摘要的附件大小不一致 / same digest declared with another size' };
      return existing;
    }
    this.db
      .prepare('INSERT INTO attachments (terminal_id, sha256, size, mime, name, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(terminalId, ref.sha256, ref.size, ref.mime, ref.name, new Date().toISOString());
    return { sha256: ref.sha256, size: ref.size, received: 0, complete: false };
  }

  attachment(terminalId: string, sha256: string): AttachmentState | null {
    const r = this.db.prepare('SELECT sha256, size, received, complete FROM attachments WHERE terminal_id = ? AND sha256 = ?').get(terminalId, sha256) as
      { sha256: string; size: number; received: number; complete: number } | undefined;
    return r ? { sha256: r.sha256, size: r.size, received: r.received, complete: r.complete === 1 } : null;
  }

  /**
   * Appends one chunk at `offset`. When the last byte arrives the whole file is hashed; a
   * mismatch discards every chunk so the client starts over instead of keeping bad bytes.
   * `dataDigest`, when given, is `data`'s own digest in content-digest form, made from these
   * bytes by the caller (the request signature's check): a one-chunk attachment whose digest
   * names the same algorithm is checked against it rather than hashed a second time.
   */
  appendChunk(
    terminalId: string,
    sha256: string,
    offset: number,
    data: Uint8Array,
    dataDigest?: string,
  ):
    | { kind: 'ok'; state: AttachmentState }
    | { kind: 'unknown' }
    | { kind: 'offset'; state: AttachmentState }
    | { kind: 'too-long'; state: AttachmentState }
    | { kind: 'hash-mismatch'; state: AttachmentState } {
    return this.db.transaction(() => {
      const st = this.attachment(terminalId, sha256);
      if (!st) return { kind: 'unknown' as const };
      if (st.complete) return { kind: 'ok' as const, state: st };
      if (offset !== st.received) return { kind: 'offset' as const, state: st };
      if (offset + data.byteLength > st.size) return { kind: 'too-long' as const, state: st };
      this.db.prepare('INSERT INTO attachment_chunks (terminal_id, sha256, offset, data) VALUES (?, ?, ?, ?)').run(terminalId, sha256, offset, data);
      const received = offset + data.byteLength;
      if (received < st.size) {
        this.db.prepare('UPDATE attachments SET received = ? WHERE terminal_id = ? AND sha256 = ?').run(received, terminalId, sha256);
        return { kind: 'ok' as const, state: { ...st, received } };
      }
      if (this.wholeDigest(terminalId, sha256, offset, data, dataDigest) !== sha256) {
        this.db.prepare('DELETE FROM attachment_chunks WHERE terminal_id = ? AND sha256 = ?').run(terminalId, sha256);
        this.db.prepare('UPDATE attachments SET received = 0 WHERE terminal_id = ? AND sha256 = ?').run(terminalId, sha256);
        return { kind: 'hash-mismatch' as const, state: { ...st, received: 0 } };
      }
      this.db.prepare('UPDATE attachments SET received = ?, complete = 1 WHERE terminal_id = ? AND sha256 = ?').run(received, terminalId, sha256);
      return { kind: 'ok' as const, state: { ...st, received, complete: true } };
    })();
  }

  /**
   * The digest, in `sha256`'s algorithm, of the attachment whose last chunk is `data` at `offset`.
   * Chunk by chunk: a whole page is never held to be hashed. A page sent as one chunk is the
   * bytes at hand (nothing was stored before offset 0), not read back from the database, and its
   * digest may already be known.
   */
  private wholeDigest(terminalId: string, sha256: string, offset: number, data: Uint8Array, dataDigest: string | undefined): string {
    if (offset === 0 && dataDigest !== undefined && digestAlgOf(dataDigest) === digestAlgOf(sha256)) return dataDigest;
    const suite = centralSuite(suiteOfDigestAlg(digestAlgOf(sha256)));
    const hash = suite.createDigest();
    if (offset === 0) hash.update(data);
    else
      for (const c of this.db.prepare('SELECT data FROM attachment_chunks WHERE terminal_id = ? AND sha256 = ? ORDER BY offset').iterate(terminalId, sha256) as Iterable<{ data: Buffer }>)
        hash.update(c.data);
    return formatDigest(suite.tag, hash.digest());
  }

  attachmentBytes(terminalId: string, sha256: string): Buffer | null {
    const st = this.attachment(terminalId, sha256);
    if (!st?.complete) return null;
    const rows = this.db.prepare('SELECT data FROM attachment_chunks WHERE terminal_id = ? AND sha256 = ? ORDER BY offset').all(terminalId, sha256) as { data: Buffer }[];
    return Buffer.concat(rows.map((r) => r.data));
  }
}
