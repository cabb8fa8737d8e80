// The renderer's check of a postal address (zod-free) and central's schema are one rule: for each
// address both accept or refuse it, refuse the same parts, and keep the same trimmed values.
import { describe, expect, it } from 'vitest';
import { postalAddressSchema } from './central-api';
import { checkPostalAddress, type PostalAddress } from './postal-address';

const good: PostalAddress = { recipient: '张三', phone: '13912345678', region: '江苏省宿迁市宿城区', detail: '幸福路 88 号 3 栋', postcode: '223800' };

const cases: [string, Partial<PostalAddress>][] = [
  ['good', {}],
  ['padded', { recipient: '  张三 ', detail: ' 幸福路 88 号 3 栋  ' }],
  ['no recipient', { recipient: '   ' }],
  ['recipient too long', { recipient: '张'.repeat(33) }],
  ['landline', { phone: '025-12345678' }],
  ['mobile prefix 12', { phone: '12912345678' }],
  ['region one character', { region: '省' }],
  ['detail too short', { detail: '88号' }],
  ['detail with a bidi override', { detail: '幸福路\u202E88 号' }],
  ['detail on two lines', { detail: '幸福路\n88 号' }],
  ['postcode five digits', { postcode: '22380' }],
  ['everything wrong', { recipient: '', phone: 'x', region: '', detail: '', postcode: '' }],
];

describe('checkPostalAddress', () => {
  it.each(cases)('agrees with central’s schema: %s', (_name, change) => {
    const a = { ...good, ...change };
    const mine = checkPostalAddress(a);
    const zod = postalAddressSchema.safeParse(a);
    expect(mine.ok).toBe(zod.success);
    if (mine.ok && zod.success) expect(mine.value).toEqual(zod.data);
    if (!mine.ok && !zod.success) expect([...new Set(zod.error.issues.map((i) => i.path[0]))].sort()).toEqual([...mine.error].sort());
  });

  it('refuses a wrong postcode and names only that part', () => {
    expect(checkPostalAddress({ ...good, postcode: '2238O0' })).toEqual({ ok: false, error: ['postcode'] });
  });
});
