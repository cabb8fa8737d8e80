// The AEAD primitive under each suite's sealing (AES-256-GCM, SM4-GCM; pure JS or node:crypto):
// raw nonce, ciphertext and tag, before `sealed-envelope.ts` frames them.
export type Aead = {
  seal(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): { ciphertext: Uint8Array; tag: Uint8Array };
  /** The plaintext, or null when the tag does not check. */
  open(key: Uint8Array, nonce: Uint8Array, ciphertext: Uint8Array, tag: Uint8Array, aad: Uint8Array): Uint8Array | null;
};
