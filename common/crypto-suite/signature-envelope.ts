// The byte layout of a signature, the same for both suites:
//   0x53 ('S') ‖ suite id ‖ 64 signature bytes
// Ed25519: R ‖ S (RFC 8032). SM2: r ‖ s, 32 bytes each, big-endian (GB/T 32918.2; the DER
// SEQUENCE of GM/T 0009 is only for interchange with tools such as `openssl pkeyutl`).
import type { SuiteTag } from './suite';
import { SUITE_IDS, suiteOfId } from './sealed-envelope';

const FORMAT = 0x53;
const HEADER_BYTES = 2;
export const RAW_SIGNATURE_BYTES = 64;

export function encodeSignature(suite: SuiteTag, raw: Uint8Array): Uint8Array {
  const out = new Uint8Array(HEADER_BYTES + raw.length);
  out.set([FORMAT, SUITE_IDS[suite]]);
  out.set(raw, HEADER_BYTES);
  return out;
}

/** Which suite made `signature`, or null if it is not a suite-tagged signature. */
export function signatureSuiteOf(signature: Uint8Array): SuiteTag | null {
  if (signature.length !== HEADER_BYTES + RAW_SIGNATURE_BYTES || signature[0] !== FORMAT) return null;
  return suiteOfId(signature[1]!);
}

/** The raw signature if `signature` is well formed and made by `suite`, else null. */
export function rawSignatureFor(suite: SuiteTag, signature: unknown): Uint8Array | null {
  if (!(signature instanceof Uint8Array) || signatureSuiteOf(signature) !== suite) return null;
  return signature.subarray(HEADER_BYTES);
}
