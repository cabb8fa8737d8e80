// Whether a terminal's proof opens a case: the receipt's claim (its digest compared in constant
// time with the one filed with the case, made with the algorithm that one names), or the identity number of the applicant — or, on a
// 帮办代办 case, of the helper it records as the resident's authorised agent (checked against the
// helper's salted hash, as central enrolled it).
import { claimMatchesDigest, sameDigest, type CaseProof } from '../../common/receipt-claim';
import { centralSuite } from '../crypto-suites';
import type { SubmissionManifest } from '../../common/central-api';
import type { CaseRow, CentralStore } from '../store';
import { normaliseIdNumber, verifyScrypt } from '../staff/staff-hash';

export async function proofOpens(store: CentralStore, row: CaseRow, proof: CaseProof): Promise<boolean> {
  if (proof.by === 'claim') {
    // In the algorithm the filed digest names: a receipt printed before its terminal moved to sm
    // keeps opening its case (the downgrade check is at filing, central/routes/intake.ts).
    return row.claim_digest !== null && (await claimMatchesDigest(proof.claim, row.claim_digest, centralSuite('sm')));
  }
  const m = JSON.parse(row.manifest) as SubmissionManifest;
  const given = normaliseIdNumber(proof.idNumber);
  if (sameDigest(given, normaliseIdNumber(m.applicant.idNumber))) return true;
  if (!m.helperId) return false;
  const hash = store.staffIdNumberHash(m.helperId);
  return hash !== null && verifyScrypt(given, hash);
}
