// A submission manifest with no attached pages, as a kiosk would send it (checked by the wire schema): for tests that need a
// case at central without going through a kiosk's queue.
import { submissionManifestSchema, type SubmissionManifest } from '../../common/central-api';
import { uuidv7 } from '../../common/uuidv7';

export function caseManifest(o: { receiptNo: string; serviceCode: string; idNumber: string; name?: string }): SubmissionManifest {
  return submissionManifestSchema.parse({
    idempotencyKey: uuidv7(),
    receiptNo: o.receiptNo,
    submittedAt: new Date().toISOString(),
    serviceCode: o.serviceCode,
    applicant: { name: o.name ?? '张三', idNumber: o.idNumber, phone: null },
    form: {},
    materials: [],
    commitment: null,
    signature: null,
    channel: 'kiosk',
    helperId: null,
    delivery: 'kiosk_print',
  });
}
