// From a checked journey submit to what the outbox stores and what the receipt printer prints.
// The applicant is always the card the backend holds; owed materials carry the signed commitment.
import type { Service } from '../../../common/catalog';
import type { CardIdentity } from '../../../common/devices';
import { applicantOf } from '../../../common/journey/identity';
import type { MaterialsDecision } from '../../../common/journey/materials-decision';
import type { Authorisation, FormData, SignatureImage, SubmissionChannel, SubmissionInput } from '../../../common/submission';
import type { Delivery } from '../../../common/catalog';
import { acceptanceReceipt } from '../../../documents/acceptance-receipt/acceptance-receipt';
import type { ReceiptWidth } from '../../../documents/layout/receipt-lines';
import type { ReceiptDoc } from '../../../documents/model/receipt-doc';
import type { Completion, Deadline } from './promised-dates';

export interface CheckedApplication {
  idempotencyKey: string;
  service: Service;
  card: CardIdentity;
  /** the form with the card's values written in (withCardValues) and validated */
  form: FormData;
  decision: Exclude<MaterialsDecision, { kind: 'notice' }>;
  /** material id → page bytes, in the order the citizen scanned them */
  pages: ReadonlyMap<string, { mime: 'image/jpeg' | 'image/png'; data: Uint8Array }[]>;
  commitment: { signature: SignatureImage; signedAt: string } | null;
  signature: SignatureImage;
  channel: SubmissionChannel;
  helperId: string | null;
  /** central's proof of the helper's sign-in (helper channel only) */
  helperProof: string | null;
  authorisation: Authorisation | null;
  delivery: Delivery;
}

export function submissionOf(a: CheckedApplication): SubmissionInput {
  const phoneField = a.service.form?.fields.find((f) => f.kind === 'phone');
  const phone = phoneField && typeof a.form[phoneField.id] === 'string' ? (a.form[phoneField.id] as string) : null;
  const owedIds = a.decision.kind === 'commitment' ? a.decision.owed.map((m) => m.id) : [];
  return {
    idempotencyKey: a.idempotencyKey,
    serviceCode: a.service.code,
    applicant: { ...applicantOf(a.card), phone },
    form: a.form,
    materials: a.decision.lines
      .filter((l) => l.handling === 'scanned' || l.handling === 'shared' || l.handling === 'owed')
      .map((l) => ({
        materialId: l.material.id,
        provision: l.handling === 'scanned' ? 'scanned' : l.handling === 'shared' ? 'shared' : 'rongque',
        pages: l.handling === 'scanned' ? [...(a.pages.get(l.material.id) ?? [])] : [],
      })),
    commitment: owedIds.length && a.commitment ? { materialIds: owedIds, ...a.commitment } : null,
    signature: a.signature,
    channel: a.channel,
    helperId: a.channel === 'helper' ? a.helperId : null,
    helperProof: a.channel === 'helper' ? a.helperProof : null,
    authorisation: a.channel === 'helper' ? a.authorisation : null,
    // the citizen's choice when the service offers it, else the first way the service delivers
    delivery: a.service.result.delivery.includes(a.delivery) ? a.delivery : a.service.result.delivery[0]!,
  };
}

export function receiptOf(
  a: CheckedApplication,
  queued: { receiptNo: string; submittedAt: string; claim: string },
  dates: { completion: Completion; deadline: Deadline },
  terminal: { hallName: string; terminalId: string; width: ReceiptWidth; helper: { name: string; staffId: string } | null },
): ReceiptDoc {
  const owed = a.decision.kind === 'commitment' ? a.decision.owed : [];
  const d = dates.deadline;
  return acceptanceReceipt(
    {
      hallName: terminal.hallName,
      terminalId: terminal.terminalId,
      receiptNo: queued.receiptNo,
      claim: queued.claim,
      service: { name: a.service.name, code: a.service.code },
      applicant: applicantOf(a.card),
      submittedAt: queued.submittedAt,
      materialsReceived: a.decision.lines.filter((l) => l.handling === 'scanned').map((l) => ({ name: l.material.name, pages: l.pages })),
      materialsOwed: owed.map((m) => ({ name: m.name, deadline: d.kind === 'date' ? d.date : { workingDays: d.workingDays } })),
      completion: dates.completion,
      consultationPhone: a.service.consultation.phone,
      helper: terminal.helper,
    },
    terminal.width,
  );
}
