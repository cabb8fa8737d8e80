// The 网证 parser is the first code a stranger's QR reaches: whatever the text, it answers a
// Result (never throws), accepts nothing over its size limits, and reads back what was signed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { looksLikeNetid, NETID_MAX_CHARS, NETID_PREFIX, parseNetidCredential } from './netid-credential';
import { netidNonce, signTestNetid } from './netid-test-issuer';

const b64 = (s: string) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(s)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const claims = { v: 1 as const, nonce: 'AAAAAAAAAAAAAAAAAAAAAA', iat: 1_800_000_000, exp: 1_800_000_120, name: 'Wang', idNumber: '110101199003074578' };

describe('parseNetidCredential', () => {
  it('reads back the claims and the signed text of a credential the test issuer made', async () => {
    const text = await signTestNetid({ ...claims, nonce: netidNonce() });
    const r = parseNetidCredential(`  ${text}\r\n`);
    expect(r.ok && r.value.kid).toBe('test-2026');
    expect(r.ok && r.value.claims.idNumber).toBe('110101199003074578');
    expect(r.ok && text.startsWith(r.value.signingInput + '.')).toBe(true);
    expect(r.ok && r.value.signature.length).toBe(64);
  });

  it('tells a receipt QR or a URL from a credential', () => {
    expect(parseNetidCredential('GK2|KSK0001-20261203-0001|abc')).toEqual({ ok: false, error: 'not-netid' });
    expect(looksLikeNetid('https://example.org/NETID1.')).toBe(false);
    expect(looksLikeNetid(' NETID1.x')).toBe(true);
    expect(parseNetidCredential(NETID_PREFIX + 'a'.repeat(NETID_MAX_CHARS))).toEqual({ ok: false, error: 'too-long' });
  });

  it('refuses claims that are not the documented shape (extra field, lower-case x, no nonce)', () => {
    const sig = 'A'.repeat(86);
    for (const c of [{ ...claims, address: 'x' }, { ...claims, idNumber: '11010119900307457x' }, { ...claims, nonce: undefined }, [claims], 'text']) {
      expect(parseNetidCredential(`NETID1.test-2026.${b64(JSON.stringify(c))}.${sig}`)).toEqual({ ok: false, error: 'malformed' });
    }
    expect(parseNetidCredential(`NETID1.test-2026.${b64(JSON.stringify(claims))}.${sig}`).ok).toBe(true);
    expect(parseNetidCredential(`NETID1.test-2026.${b64(JSON.stringify(claims))}.${sig}A`).ok).toBe(false);
  });

  it('never throws and never accepts what breaks the limits, for any text (10,000 cases)', () => {
    const part = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.base64String({ maxLength: 120 }).map((s) => s.replace(/=/g, '')),
      fc.constant(b64(JSON.stringify(claims))),
      fc.constant('A'.repeat(86)),
    );
    const text = fc.oneof(
      fc.string({ maxLength: 1200 }),
      fc.array(part, { minLength: 1, maxLength: 6 }).map((ps) => NETID_PREFIX + ps.join('.')),
      fc.tuple(fc.string({ maxLength: 40 }), fc.json({ maxDepth: 3 })).map(([kid, j]) => `${NETID_PREFIX}${kid}.${b64(j)}.${'A'.repeat(86)}`),
    );
    fc.assert(
      fc.property(text, (t) => {
        const r = parseNetidCredential(t);
        if (r.ok) {
          expect(t.trim().length).toBeLessThanOrEqual(NETID_MAX_CHARS);
          expect(r.value.signature.length).toBe(64);
          expect(r.value.claims.v).toBe(1);
        } else expect(['not-netid', 'too-long', 'malformed']).toContain(r.error);
      }),
      { numRuns: 10_000 },
    );
  });
});
