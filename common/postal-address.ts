// The address a citizen gives for postal delivery of a result (邮寄送达): its rules as data, so
// central's schema (central-api.ts) and the renderer's check before sending are one rule, and the
// renderer checks without shipping zod.
import { MOBILE_PATTERN, POSTCODE_PATTERN } from './contact-patterns';
import { err, ok, type Result } from './result';
import { textProblem } from './text-problem';

export interface PostalAddress {
  recipient: string;
  phone: string;
  /** 省市区 as one line, e.g. 江苏省宿迁市宿城区 */
  region: string;
  detail: string;
  postcode: string;
}

/** Lengths of the free-text parts, after trimming. */
export const POSTAL_TEXT_LENGTHS = { recipient: { min: 1, max: 32 }, region: { min: 2, max: 60 }, detail: { min: 4, max: 120 } } as const;

/** The address trimmed, or the parts that are wrong (in the form's order). */
export function checkPostalAddress(a: PostalAddress): Result<PostalAddress, (keyof PostalAddress)[]> {
  const t: PostalAddress = { recipient: a.recipient.trim(), phone: a.phone, region: a.region.trim(), detail: a.detail.trim(), postcode: a.postcode };
  const wrong: (keyof PostalAddress)[] = [];
  for (const k of ['recipient', 'phone', 'region', 'detail', 'postcode'] as const) {
    const v = t[k];
    const bad =
      k === 'phone'
        ? !MOBILE_PATTERN.test(v)
        : k === 'postcode'
          ? !POSTCODE_PATTERN.test(v)
          : v.length < POSTAL_TEXT_LENGTHS[k].min || v.length > POSTAL_TEXT_LENGTHS[k].max || textProblem(v) !== null;
    if (bad) wrong.push(k);
  }
  return wrong.length ? err(wrong) : ok(t);
}
