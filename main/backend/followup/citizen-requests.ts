// What the citizen at the screen asks of the follow-up, with what they showed: look progress up
// (by a receipt number, with the claim only of a QR scanned here, or by the card on the reader),
// print a notice or result, have a result posted. Only a proof this citizen showed opens a case;
// a refusal for want of one is logged (never the claim or identity).
import type { PostalAddress } from '../../../common/central-api';
import { identityNumber } from '../../../common/devices';
import type { CaseProof } from '../../../common/receipt-claim';
import { err, ok, type Result } from '../../../common/result';
import type { CitizenInputs } from './citizen-inputs';
import { NOT_PROVEN, type FollowupError, type FollowupService } from './followup-service';
import type { CaseProgressView, ProgressAnswer } from './progress-view';
import type { Logger } from '../log/logger';

export interface FollowupDesk {
  readonly inputs: CitizenInputs;
  readonly followup: FollowupService;
  readonly logger: Logger;
}

export type LookupRefusal = FollowupError | { kind: 'no-card' } | { kind: 'social-card-not-accepted' };
export type LookupRequest = { by: 'receipt'; receiptNo: string } | { by: 'card' };
export type ProgressWithAccess = ProgressAnswer & { cases: (CaseProgressView & { mayHandle: boolean })[] };

function withAccess(inputs: CitizenInputs, a: ProgressAnswer): ProgressWithAccess {
  return { ...a, cases: a.cases.map((x) => ({ ...x, mayHandle: x.access === 'full' && inputs.mayHandle(x.receiptNo) })) };
}

export async function lookupProgress(d: FollowupDesk, q: LookupRequest, signal?: AbortSignal): Promise<Result<ProgressWithAccess, LookupRefusal>> {
  if (q.by === 'receipt') {
    // The claim comes only from a QR scanned here: a typed number has none and shows status only.
    const r = await d.followup.lookup({ by: 'receiptNo', receiptNo: q.receiptNo, claim: d.inputs.claimOf(q.receiptNo) }, signal);
    if (!r.ok) return r;
    if (r.value.cases.some((x) => x.receiptNo === q.receiptNo && x.access === 'full')) d.inputs.claimProven(q.receiptNo);
    return ok(withAccess(d.inputs, r.value));
  }
  const card = d.inputs.currentCard();
  if (!card) return err({ kind: 'no-card' });
  // A 社保卡's public files are unauthenticated data any card can carry: not proof of whose
  // cases these are (SECURITY.md, Passer-by). Follow-up by card wants the ID card.
  if (card.identity.cardType === 'social-security') return err({ kind: 'social-card-not-accepted' });
  const r = await d.followup.lookup({ by: 'idNumber', idNumber: identityNumber(card.identity) }, signal);
  if (!r.ok) return r;
  d.inputs.cardCases(r.value.cases.filter((x) => x.access === 'full').map((x) => x.receiptNo));
  return ok(withAccess(d.inputs, r.value));
}

/** Runs `act` with the proof this citizen showed for the receipt; without one, or when it does not open the case, refuses. */
async function withProof<T>(d: FollowupDesk, receiptNo: string, action: 'print' | 'delivery', act: (proof: CaseProof) => Promise<Result<T, FollowupError>>): Promise<Result<T, FollowupError>> {
  const proof = d.inputs.proofFor(receiptNo);
  const r = proof ? await act(proof) : err(NOT_PROVEN);
  if (!r.ok && r.error.kind === 'not-yours') {
    d.logger.log('followup.proof-refused', { receiptNo, action });
    return err(NOT_PROVEN);
  }
  return r;
}

export function printDocument(d: FollowupDesk, receiptNo: string, documentId: string) {
  return withProof(d, receiptNo, 'print', (proof) => d.followup.print(receiptNo, documentId, proof));
}

export function requestPost(d: FollowupDesk, receiptNo: string, address: PostalAddress, idempotencyKey?: string) {
  return withProof(d, receiptNo, 'delivery', (proof) => d.followup.requestPost(receiptNo, address, proof, idempotencyKey));
}
