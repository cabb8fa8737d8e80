// Byte arrays joined end to end: one loop for the crypto suites, the HID report framing and its
// simulator.

/** A new array holding `parts` one after another (always a copy, even of a single part). */
export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
