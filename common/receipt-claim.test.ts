// The receipt claim: enough randomness, the versioned QR payload, the old payload still read (it
// shows status only), and one digest function per suite, checked in the algorithm a digest names.
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCryptoSuite } from './crypto-suite/create-suite';
import { claimMatchesDigest, newReceiptClaim, parseReceiptCode, receiptClaimDigest, receiptClaimSchema, receiptQrPayload, sameDigest } from './receipt-claim';

const NO = 'KSK0001-20261122-0042';

describe('receipt claim', () => {
  it('draws 128 random bits as 22 base64url characters, never the same twice', () => {
    const claims = Array.from({ length: 2000 }, () => newReceiptClaim());
    for (const c of claims) {
      expect(c).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(Buffer.from(c, 'base64url')).toHaveLength(16);
      expect(receiptClaimSchema.safeParse(c).success).toBe(true);
    }
    expect(new Set(claims).size).toBe(claims.length);
  });

  it('reads the GK2 payload, the old plain number (no claim) and a number inside other text; a broken claim proves nothing', () => {
    const claim = newReceiptClaim();
    expect(parseReceiptCode(receiptQrPayload(NO, claim))).toEqual({ receiptNo: NO, claim });
    expect(parseReceiptCode(NO)).toEqual({ receiptNo: NO, claim: null });
    expect(parseReceiptCode(`https://zwfw.example.gov.cn/q?no=${NO.toLowerCase()}`)).toEqual({ receiptNo: NO, claim: null });
    expect(parseReceiptCode(`GK2|${NO}|short`)).toEqual({ receiptNo: NO, claim: null });
    expect(parseReceiptCode(`GK2|not-a-number|${claim}`)).toBeNull();
    expect(parseReceiptCode('hello')).toBeNull();
  });

  it('digests a claim to lowercase hex SHA-256 of the versioned input, and compares digests exactly', async () => {
    const claim = newReceiptClaim();
    const d = await receiptClaimDigest(claim);
    expect(d).toBe(crypto.createHash('sha256').update(`gk-receipt-claim-v1:${claim}`).digest('hex'));
    expect(sameDigest(d, await receiptClaimDigest(claim))).toBe(true);
    expect(sameDigest(d, await receiptClaimDigest(newReceiptClaim()))).toBe(false);
    expect(sameDigest(d, d.slice(0, 63))).toBe(false);
  });

  it('digests with SM3 for the sm suite, tagged sm3:, and checks a claim against a filed digest of either algorithm', async () => {
    const claim = newReceiptClaim();
    const smSuite = createCryptoSuite('sm');
    const sm = await receiptClaimDigest(claim, smSuite);
    expect(sm).toBe(`sm3:${crypto.createHash('sm3').update(`gk-receipt-claim-v1:${claim}`).digest('hex')}`);
    const sha = await receiptClaimDigest(claim);
    for (const filed of [sm, sha]) {
      expect(await claimMatchesDigest(claim, filed, smSuite)).toBe(true);
      expect(await claimMatchesDigest(newReceiptClaim(), filed, smSuite)).toBe(false);
    }
    // The SHA-256 value relabelled as SM3 (or the reverse) is not the claim's digest.
    expect(await claimMatchesDigest(claim, `sm3:${sha}`, smSuite)).toBe(false);
    expect(await claimMatchesDigest(claim, sm.slice(4), smSuite)).toBe(false);
    expect(await claimMatchesDigest(claim, 'not a digest', smSuite)).toBe(false);
  });
});
