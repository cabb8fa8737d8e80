// Signature checks behind one small interface: an algorithm tag and verify(publicKey, bytes, sig).
// Ed25519 (node:crypto) and SM2 with SM3 (国密, issue 16; pure JS through the `sm` crypto suite,
// since Electron's BoringSSL has no SM2) are entries of VERIFIERS; the updater and the remote
// configuration only name the algorithm a signature says it is.
//
// Which algorithms a terminal accepts follows its crypto suite, so an `sm` terminal cannot be
// downgraded: it takes SM2 signatures only and refuses an Ed25519-signed release or
// configuration (`wrong-suite`) even when an Ed25519 key is pinned. An `international` terminal
// takes both: SM2 is no weaker, and a province can move its release signing to SM2 before every
// terminal has switched suite (the pinned keys, not the algorithm, decide whom it trusts).
import crypto from 'node:crypto';
import { encodeSignature } from '../../../common/crypto-suite/signature-envelope';
import type { SuiteTag } from '../../../common/crypto-suite/suite';
import type { SignatureAlgorithm } from '../../../common/fleet-updates';
import type { Result } from '../../../common/result';
import { nodeSuite } from '../../../offline-queue/crypto/node-suites';
import { sm2PublicKeyFromPem } from './sm2-key-pem';

export interface SignatureVerifier {
  readonly algorithm: SignatureAlgorithm;
  /** publicKey: the key as pinned (PEM SubjectPublicKeyInfo); false on any mismatch or malformed input */
  verify(publicKey: string, bytes: Uint8Array, signature: Uint8Array): boolean;
}

const ed25519Verifier: SignatureVerifier = {
  algorithm: 'ed25519',
  verify(publicKey, bytes, signature) {
    try {
      const key = crypto.createPublicKey(publicKey);
      if (key.asymmetricKeyType !== 'ed25519') return false;
      return crypto.verify(null, bytes, key, signature);
    } catch {
      return false;
    }
  },
};

// SM2 per GB/T 32918.2 with SM3 and the default signer ID 1234567812345678 in Z (what
// release-signing.ts signs with); the signature is r ‖ s. The suite's verify never throws; it
// is the kiosk's one `sm` suite (node:crypto's SM3 unless KIOSK_CRYPTO_FAST_PATH=off).
const sm2Verifier: SignatureVerifier = {
  algorithm: 'sm2',
  verify(publicKey, bytes, signature) {
    const point = sm2PublicKeyFromPem(publicKey);
    return point !== null && signature.length === 64 && nodeSuite('sm').verify(point, bytes, encodeSignature('sm', signature));
  },
};

const VERIFIERS: Record<SignatureAlgorithm, SignatureVerifier> = { ed25519: ed25519Verifier, sm2: sm2Verifier };

/** The signature algorithms a terminal of each suite accepts (see the note at the top). */
export const ACCEPTED_ALGORITHMS: Record<SuiteTag, readonly SignatureAlgorithm[]> = { international: ['ed25519', 'sm2'], sm: ['sm2'] };

/** A public key the app trusts, with the algorithm it is for. */
export interface PinnedKey {
  algorithm: SignatureAlgorithm;
  /** PEM SubjectPublicKeyInfo */
  publicKey: string;
}

/** What a terminal trusts for one kind of artifact: its suite (which algorithms count) and the pinned keys. */
export interface SignatureTrust {
  suite: SuiteTag;
  keys: readonly PinnedKey[];
}

/**
 * Whether a pinned key of the signature's algorithm verifies it. `wrong-suite`: the algorithm is
 * one this terminal's suite does not accept (checked first, so it is never verified at all);
 * `bad-signature`: no pinned key of that algorithm verifies it (another key, tampered bytes,
 * garbage).
 */
export function checkPinnedSignature(trust: SignatureTrust, algorithm: SignatureAlgorithm, bytes: Uint8Array, signatureBase64: string): Result<void, 'wrong-suite' | 'bad-signature'> {
  if (!ACCEPTED_ALGORITHMS[trust.suite].includes(algorithm)) return { ok: false, error: 'wrong-suite' };
  const signature = Buffer.from(signatureBase64, 'base64');
  if (signature.length === 0) return { ok: false, error: 'bad-signature' };
  const verifier = VERIFIERS[algorithm];
  const verified = trust.keys.some((k) => k.algorithm === algorithm && verifier.verify(k.publicKey, bytes, signature));
  return verified ? { ok: true, value: undefined } : { ok: false, error: 'bad-signature' };
}

const WORDS = { release: { zh: '版本', en: 'release' }, configuration: { zh: '配置', en: 'configuration' } } as const;

/** The message that goes with a `wrong-suite` refusal, for the technician screen and the fleet page. */
export function wrongSuiteMessage(kind: keyof typeof WORDS, algorithm: SignatureAlgorithm, suite: SuiteTag): string {
  const accepted = ACCEPTED_ALGORITHMS[suite];
  return `本终端使用 ${suite} 密码套件，不接受 ${algorithm} 签名的${WORDS[kind].zh}（只接受 ${accepted.join('、')}）/ this terminal runs the ${suite} crypto suite and refuses a ${WORDS[kind].en} signed with ${algorithm} (accepts ${accepted.join(', ')})`;
}
