// GHASH written out from NIST SP 800-38D (Algorithm 1, bit by bit, BigInt): slow and obviously
// right, to check SM4-GCM tags independently of the GHASH the suite uses (@noble/ciphers).
const R = 0xe1n << 120n;

function mul(x: bigint, y: bigint): bigint {
  let z = 0n;
  let v = y;
  for (let i = 127n; i >= 0n; i--) {
    if ((x >> i) & 1n) z ^= v;
    v = v & 1n ? (v >> 1n) ^ R : v >> 1n;
  }
  return z;
}

const toBig = (b: Uint8Array): bigint => BigInt(`0x${Buffer.from(b).toString('hex') || '0'}`);

function blocks(data: Uint8Array): bigint[] {
  const out: bigint[] = [];
  for (let i = 0; i < data.length; i += 16) {
    const block = new Uint8Array(16);
    block.set(data.subarray(i, i + 16));
    out.push(toBig(block));
  }
  return out;
}

/** GHASH_H(A ‖ 0* ‖ C ‖ 0* ‖ [len(A)]64 ‖ [len(C)]64). */
export function referenceGhash(h: Uint8Array, aad: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  const hk = toBig(h);
  let y = 0n;
  const lengths = (BigInt(aad.length * 8) << 64n) | BigInt(ciphertext.length * 8);
  for (const x of [...blocks(aad), ...blocks(ciphertext), lengths]) y = mul(y ^ x, hk);
  return Uint8Array.from(Buffer.from(y.toString(16).padStart(32, '0'), 'hex'));
}
