// A case queued in-process, as if a citizen had submitted it at this terminal earlier: production
// terminals have no raw submission route (it is mounted only with devTools), and these tests are
// about what comes after the submission.
import { submissionFromWire, submissionWireSchema, type SubmissionWire } from '../../common/submission';
import type { Backend } from '../../main/backend/boot';

export function queueCase(backend: Backend, wire: SubmissionWire | Record<string, unknown>): string {
  const r = backend.ctx.queue.enqueue(submissionFromWire(submissionWireSchema.parse(wire)));
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value.receiptNo;
}
