// Whether a terminal's proof opens a case: the receipt's claim (its digest compared in constant
// time with the one filed with the case), or the identity number of the applicant — or, on a
// 帮办代办 case, of the helper it records as the resident's authorised agent (checked against the
// helper's salted hash, as central enrolled it).
import crypto from 'node:crypto';
import { receiptClaimDigest, sameDigest, type CaseProof } from '../../common/receipt-claim';
import type { SubmissionManifest } from '../../common/central-api';
import type { CaseRow, CentralStore } from '../store';
import { normaliseIdNumber } from '../staff/staff-hash';

function scryptMatches(stored: string, secret: string): boolean {
  const m = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/.exec(stored);
  if (!m) return false;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const want = Buffer.from(m[5]!, 'base64url');
  const got = crypto.scryptSync(secret.normalize('NFKC'), Buffer.from(m[4]!, 'base64url'), want.length, { N, r, p, maxmem: 256 * N * r });
  return got.length === want.length && crypto.timingSafeEqual(got, want);
}

export async function proofOpens(store: CentralStore, row: CaseRow, proof: CaseProof): Promise<boolean> {
  if (proof.by === 'claim') {
    const digest = await receiptClaimDigest(proof.claim);
    return row.claim_digest !== null && sameDigest(digest, row.claim_digest);
  }
  const m = JSON.parse(row.manifest) as SubmissionManifest;
  const given = normaliseIdNumber(proof.idNumber);
  if (sameDigest(given, normaliseIdNumber(m.applicant.idNumber))) return true;
  if (!m.helperId) return false;
  const hash = store.staffIdNumberHash(m.helperId);
  return hash !== null && scryptMatches(hash, given);
}
