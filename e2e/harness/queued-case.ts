// A case queued in-process, as if a citizen had submitted it at this terminal earlier: production
// terminals have no raw submission route (it is mounted only with devTools), and these tests are
// about what comes after the submission.
import crypto from 'node:crypto';
import { sampleCatalog } from '../../central/catalog/sample-catalog';
import { uuidv7 } from '../../common/uuidv7';
import { submissionFromWire, submissionWireSchema, type SubmissionWire } from '../../common/submission';
import type { Backend } from '../../main/backend/boot';

export function queueCase(backend: Backend, wire: SubmissionWire | Record<string, unknown>): string {
  const r = backend.ctx.queue.enqueue(submissionFromWire(submissionWireSchema.parse(wire)));
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value.receiptNo;
}

/** A case of the first service the kiosk takes fully, for this applicant: one scanned page, result printed at the kiosk. */
export function queueSampleCase(backend: Backend, applicant: { name: string; idNumber: string }): string {
  const service = sampleCatalog.services.find((s) => s.kioskFull)!;
  return queueCase(backend, {
    idempotencyKey: uuidv7(),
    serviceCode: service.code,
    applicant: { ...applicant, phone: '13912345678' },
    form: {},
    materials: [{ materialId: service.materials[0]!.id, provision: 'scanned', pages: [{ mime: 'image/jpeg', data: crypto.randomBytes(2000).toString('base64') }] }],
    channel: 'kiosk',
    delivery: 'kiosk_print',
  });
}
