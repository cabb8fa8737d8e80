// Keyboard-wedge scanners present themselves as a USB keyboard and "type" the code, one HID
// boot report (modifiers, reserved, up to six key usages) per key state, ending with Enter.
// Reading those reports directly (hidraw / libusb) instead of letting the OS turn them into
// keystrokes is what keeps a scanned code out of whatever form field has focus.

const LOWER: Record<number, string> = {};
const UPPER: Record<number, string> = {};
'abcdefghijklmnopqrstuvwxyz'.split('').forEach((c, i) => {
  LOWER[0x04 + i] = c;
  UPPER[0x04 + i] = c.toUpperCase();
});
'1234567890'.split('').forEach((c, i) => (LOWER[0x1e + i] = c));
'!@#$%^&*()'.split('').forEach((c, i) => (UPPER[0x1e + i] = c));
const PUNCT: [number, string, string][] = [
  [0x2c, ' ', ' '],
  [0x2d, '-', '_'],
  [0x2e, '=', '+'],
  [0x2f, '[', '{'],
  [0x30, ']', '}'],
  [0x31, '\\', '|'],
  [0x32, '#', '~'],
  [0x33, ';', ':'],
  [0x34, "'", '"'],
  [0x35, '`', '~'],
  [0x36, ',', '<'],
  [0x37, '.', '>'],
  [0x38, '/', '?'],
  [0x2b, '\t', '\t'],
  [0x54, '/', '/'],
  [0x55, '*', '*'],
  [0x56, '-', '-'],
  [0x57, '+', '+'],
  [0x63, '.', '.'],
];
for (const [u, l, s] of PUNCT) {
  LOWER[u] = l;
  UPPER[u] = s;
}
'1234567890'.split('').forEach((c, i) => {
  LOWER[0x59 + i] = c;
  UPPER[0x59 + i] = c;
});

const ENTER = new Set([0x28, 0x58]);
const SHIFT = 0x02 | 0x20;
/** longest code accepted (a QR holds at most ~7000 characters); beyond it the code is dropped */
export const MAX_CODE = 7100;

export type HidScanEvent = { type: 'code'; text: string } | { type: 'overflow' };

export class HidKeyboardDecoder {
  private held = new Set<number>();
  private text = '';
  private overflow = false;

  /** One input report; 8 bytes, or 9 when the device prefixes a report id. */
  push(report: Uint8Array): HidScanEvent[] {
    const r = report.length === 9 ? report.subarray(1) : report;
    if (r.length < 3) return [];
    const shift = (r[0]! & SHIFT) !== 0;
    const now = new Set<number>();
    const out: HidScanEvent[] = [];
    for (const u of r.subarray(2, 8)) {
      if (u <= 0x03) continue; // none / rollover error
      now.add(u);
      if (this.held.has(u)) continue; // still held from the previous report, not a new press
      if (ENTER.has(u)) {
        if (this.overflow) out.push({ type: 'overflow' });
        else if (this.text) out.push({ type: 'code', text: this.text });
        this.text = '';
        this.overflow = false;
        continue;
      }
      const ch = (shift ? UPPER : LOWER)[u];
      if (ch === undefined) continue;
      if (this.text.length >= MAX_CODE) this.overflow = true;
      else this.text += ch;
    }
    this.held = now;
    return out;
  }
}

/** The reports a keyboard-wedge scanner sends for `text` + Enter (simulator and tests). */
export function reportsFor(text: string): Uint8Array[] {
  const reverse = new Map<string, [number, boolean]>();
  for (const [u, c] of Object.entries(UPPER)) if (!reverse.has(c)) reverse.set(c, [Number(u), true]);
  for (const [u, c] of Object.entries(LOWER)) reverse.set(c, [Number(u), false]);
  const out: Uint8Array[] = [];
  for (const ch of text) {
    const k = reverse.get(ch);
    if (!k) throw new RangeError(`a keyboard wedge cannot type ${JSON.stringify(ch)}`);
    out.push(Uint8Array.of(k[1] ? 0x02 : 0, 0, k[0], 0, 0, 0, 0, 0));
    out.push(new Uint8Array(8));
  }
  out.push(Uint8Array.of(0, 0, 0x28, 0, 0, 0, 0, 0), new Uint8Array(8));
  return out;
}
