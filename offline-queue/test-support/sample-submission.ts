// Realistic submissions for tests, the crash harness and the benchmark: a valid identity
// number, form fields, and scanned pages of a chosen size (random bytes, so nothing compresses
// or deduplicates by accident).
import crypto from 'node:crypto';
import { idCheckCharacter } from '../../common/id-number';
import type { SubmissionInput } from '../../common/submission';

/** A syntactically valid identity number (GB 11643 checksum) for a given serial. */
export function testIdNumber(serial = 123): string {
  const first17 = `32010219900307${String(serial % 1000).padStart(3, '0')}`;
  return first17 + idCheckCharacter(first17);
}

export const SAMPLE_SERVICE_CODE = '320100-TEST-0001';

const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64').toString('base64');

export function sampleSubmission(opts: { pages?: number; pageBytes?: number; idNumber?: string; name?: string; key?: string; serviceCode?: string } = {}): SubmissionInput {
  const pages = opts.pages ?? 2;
  const pageBytes = opts.pageBytes ?? 4096;
  return {
    idempotencyKey: opts.key,
    serviceCode: opts.serviceCode ?? SAMPLE_SERVICE_CODE,
    applicant: { name: opts.name ?? '张三丰', idNumber: opts.idNumber ?? testIdNumber(), phone: '13812345678' },
    form: { address: '江苏省宿迁市宿城区幸福路1号', purpose: '申请证明', copies: 1, urgent: false, rooms: ['101', '102'] },
    materials: [
      { materialId: 'id-card', provision: 'scanned', pages: Array.from({ length: pages }, () => ({ mime: 'image/jpeg' as const, data: new Uint8Array(crypto.randomBytes(pageBytes)) })) },
      { materialId: 'household-register', provision: 'shared', pages: [] },
    ],
    commitment: null,
    signature: { mime: 'image/png', data: TINY_PNG },
    channel: 'kiosk',
    helperId: null,
    delivery: 'kiosk_print',
  };
}
