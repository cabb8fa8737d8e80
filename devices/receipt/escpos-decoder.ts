// ESC/POS byte stream → what ends up on paper: styled text lines, QR codes, cuts, and the
// real-time status requests a printer must answer at once. A streaming state machine (bytes
// arrive in arbitrary chunks); unknown commands are skipped, never fatal; memory is bounded
// (images and barcodes are skipped by counting, QR data is capped at the symbol's maximum).
import iconv from 'iconv-lite';

export type Align = 'left' | 'center' | 'right';
export interface LineStyle {
  bold: boolean;
  /** width × height multipliers from GS ! */
  width: number;
  height: number;
  align: Align;
}

export type EscPosEvent =
  | { type: 'init' }
  | { type: 'line'; text: string; style: LineStyle }
  | { type: 'qr'; data: Uint8Array; moduleSize: number; ecc: 'L' | 'M' | 'Q' | 'H'; model: number }
  | { type: 'feed'; lines: number }
  | { type: 'cut'; partial: boolean }
  | { type: 'status-request'; n: number }
  | { type: 'clear-buffers' }
  | { type: 'unknown'; bytes: number[] };

/** QR model 2 holds at most 7089 numeric characters; anything longer is not a QR store. */
const QR_MAX = 7089 + 3;
const TEXT_MAX = 4096;
const ECC_NAMES = ['L', 'M', 'Q', 'H'] as const;

// Fixed-length commands: prefix → number of parameter bytes after the command byte.
const ESC_FIXED: Record<number, number> = {
  0x20: 1,
  0x21: 1,
  0x2d: 1,
  0x32: 0,
  0x33: 1,
  0x3d: 1,
  0x3f: 1,
  0x40: 0,
  0x44: -1,
  0x45: 1,
  0x47: 1,
  0x4a: 1,
  0x4d: 1,
  0x52: 1,
  0x54: 1,
  0x56: 1,
  0x61: 1,
  0x63: 2,
  0x64: 1,
  0x70: 3,
  0x74: 1,
  0x7b: 1,
  0x24: 2,
  0x5c: 2,
  0x4c: 0,
  0x53: 0,
  0x4b: -2,
};
const GS_FIXED: Record<number, number> = {
  0x21: 1,
  0x42: 1,
  0x48: 1,
  0x49: 1,
  0x4c: 2,
  0x57: 2,
  0x66: 1,
  0x68: 1,
  0x77: 1,
  0x61: 1,
  0x72: 1,
  0x62: 1,
  0x3a: 0,
  0x24: 2,
  0x50: 2,
};
const FS_FIXED: Record<number, number> = { 0x26: 0, 0x2e: 0, 0x21: 1, 0x2d: 1, 0x57: 1, 0x53: 2, 0x43: 1, 0x70: 2 };

type State =
  | { k: 'text' }
  | { k: 'esc' }
  | { k: 'gs' }
  | { k: 'fs' }
  | { k: 'dle' }
  | { k: 'params'; prefix: number; cmd: number; need: number; got: number[] }
  | { k: 'skip'; left: number }
  | { k: 'until-nul'; left: number }
  | { k: 'gs-k-head'; got: number[] } // GS ( k pL pH
  | { k: 'gs-k-body'; left: number; body: number[] | null }
  | { k: 'raster-head'; got: number[] } // GS v 0 m xL xH yL yH
  | { k: 'bitimage-head'; got: number[] } // ESC * m nL nH
  | { k: 'barcode-head' } // GS k m
  | { k: 'barcode-len' }; // GS k m(65..) n

export class EscPosDecoder {
  private state: State = { k: 'text' };
  private line: number[] = [];
  private lineStyle: LineStyle | null = null;
  private style: LineStyle = { bold: false, width: 1, height: 1, align: 'left' };
  private chinese = false;
  private qr = { moduleSize: 3, ecc: 'L' as (typeof ECC_NAMES)[number], model: 2, data: null as Uint8Array | null };

  push(chunk: Uint8Array): EscPosEvent[] {
    const out: EscPosEvent[] = [];
    for (const b of chunk) this.step(b, out);
    return out;
  }

  /** Text received without a final LF (end of job): flushes it as a line. */
  flush(): EscPosEvent[] {
    const out: EscPosEvent[] = [];
    this.endLine(out, false);
    return out;
  }

  get chineseMode(): boolean {
    return this.chinese;
  }

  private endLine(out: EscPosEvent[], force: boolean): void {
    if (!this.line.length && !force) return;
    const bytes = Buffer.from(this.line);
    const text = this.chinese ? iconv.decode(bytes, 'gb18030') : bytes.toString('latin1');
    out.push({ type: 'line', text, style: this.lineStyle ?? { ...this.style } });
    this.line = [];
    this.lineStyle = null;
  }

  private step(b: number, out: EscPosEvent[]): void {
    const s = this.state;
    switch (s.k) {
      case 'text':
        if (b === 0x0a) this.endLine(out, true);
        else if (b === 0x1b) this.state = { k: 'esc' };
        else if (b === 0x1d) this.state = { k: 'gs' };
        else if (b === 0x1c) this.state = { k: 'fs' };
        else if (b === 0x10) this.state = { k: 'dle' };
        else if (b === 0x0c) {
          this.endLine(out, false);
          out.push({ type: 'feed', lines: 1 });
        } else if (b >= 0x20 || b === 0x09) {
          // GB18030 lead and trail bytes are all ≥ 0x30, so no command byte hides inside a character.
          if (!this.lineStyle) this.lineStyle = { ...this.style };
          if (this.line.length < TEXT_MAX) this.line.push(b);
        }
        // CR and other controls: ignored, as printers in auto-LF-off mode do
        return;
      case 'dle':
        if (b === 0x04) this.state = { k: 'params', prefix: 0x10, cmd: 0x04, need: 1, got: [] };
        else if (b === 0x05) this.state = { k: 'params', prefix: 0x10, cmd: 0x05, need: 1, got: [] };
        else if (b === 0x14) this.state = { k: 'params', prefix: 0x10, cmd: 0x14, need: 3, got: [] };
        else {
          out.push({ type: 'unknown', bytes: [0x10, b] });
          this.state = { k: 'text' };
        }
        return;
      case 'esc':
        return this.command(0x1b, b, ESC_FIXED, out);
      case 'gs':
        if (b === 0x28) {
          this.state = { k: 'params', prefix: 0x1d, cmd: 0x28, need: 1, got: [] };
          return;
        }
        if (b === 0x76) {
          this.state = { k: 'raster-head', got: [] };
          return;
        }
        if (b === 0x6b) {
          this.state = { k: 'barcode-head' };
          return;
        }
        if (b === 0x56) {
          this.state = { k: 'params', prefix: 0x1d, cmd: 0x56, need: 1, got: [] };
          return;
        }
        return this.command(0x1d, b, GS_FIXED, out);
      case 'fs':
        return this.command(0x1c, b, FS_FIXED, out);
      case 'params':
        s.got.push(b);
        if (s.got.length >= s.need) this.finish(s.prefix, s.cmd, s.got, out);
        return;
      case 'skip':
        if (--s.left <= 0) this.state = { k: 'text' };
        return;
      case 'until-nul':
        if (b === 0 || --s.left <= 0) this.state = { k: 'text' };
        return;
      case 'gs-k-head':
        s.got.push(b);
        if (s.got.length === 2) {
          const len = s.got[0]! | (s.got[1]! << 8);
          if (len === 0) this.state = { k: 'text' };
          else this.state = { k: 'gs-k-body', left: len, body: len <= QR_MAX ? [] : null };
        }
        return;
      case 'gs-k-body':
        s.body?.push(b);
        if (--s.left === 0) {
          this.state = { k: 'text' };
          if (s.body) this.gsK(s.body, out);
        }
        return;
      case 'raster-head':
        s.got.push(b);
        if (s.got.length === 6) {
          // 0 m xL xH yL yH: (xL + xH·256) bytes per row × (yL + yH·256) rows
          const n = (s.got[2]! | (s.got[3]! << 8)) * (s.got[4]! | (s.got[5]! << 8));
          this.state = n > 0 ? { k: 'skip', left: n } : { k: 'text' };
        }
        return;
      case 'bitimage-head':
        s.got.push(b);
        if (s.got.length === 3) {
          const dots = s.got[1]! | (s.got[2]! << 8);
          const n = dots * (s.got[0]! >= 32 ? 3 : 1);
          this.state = n > 0 ? { k: 'skip', left: n } : { k: 'text' };
        }
        return;
      case 'barcode-head':
        if (b <= 6) this.state = { k: 'until-nul', left: 256 };
        else if (b >= 65 && b <= 79) this.state = { k: 'barcode-len' };
        else {
          out.push({ type: 'unknown', bytes: [0x1d, 0x6b, b] });
          this.state = { k: 'text' };
        }
        return;
      case 'barcode-len':
        this.state = b > 0 ? { k: 'skip', left: b } : { k: 'text' };
        return;
    }
  }

  private command(prefix: number, cmd: number, table: Record<number, number>, out: EscPosEvent[]): void {
    if (prefix === 0x1b && cmd === 0x2a) {
      this.state = { k: 'bitimage-head', got: [] };
      return;
    }
    const need = table[cmd];
    if (need === undefined) {
      out.push({ type: 'unknown', bytes: [prefix, cmd] });
      this.state = { k: 'text' };
      return;
    }
    if (need === -1) {
      // ESC D: tab positions, NUL-terminated
      this.state = { k: 'until-nul', left: 33 };
      return;
    }
    if (need === -2) {
      // ESC K nL nH: single-density bit image (legacy)
      this.state = { k: 'bitimage-head', got: [0] };
      return;
    }
    if (need === 0) this.finish(prefix, cmd, [], out);
    else this.state = { k: 'params', prefix, cmd, need, got: [] };
  }

  private finish(prefix: number, cmd: number, p: number[], out: EscPosEvent[]): void {
    this.state = { k: 'text' };
    const key = (prefix << 8) | cmd;
    switch (key) {
      case 0x1b40: // ESC @
        this.endLine(out, false);
        this.style = { bold: false, width: 1, height: 1, align: 'left' };
        this.chinese = false;
        this.qr = { moduleSize: 3, ecc: 'L', model: 2, data: null };
        out.push({ type: 'init' });
        return;
      case 0x1b45: // ESC E n
      case 0x1b47: // ESC G n (double strike, printed as bold)
        this.style.bold = (p[0]! & 1) === 1;
        return;
      case 0x1b21: // ESC ! n
        this.style.bold = (p[0]! & 0x08) !== 0;
        this.style.width = p[0]! & 0x20 ? 2 : 1;
        this.style.height = p[0]! & 0x10 ? 2 : 1;
        return;
      case 0x1b61: // ESC a n
        this.style.align = (['left', 'center', 'right'] as const)[p[0]! >= 48 ? p[0]! - 48 : p[0]!] ?? 'left';
        return;
      case 0x1b64: // ESC d n
        this.endLine(out, false);
        out.push({ type: 'feed', lines: p[0]! });
        return;
      case 0x1d21: // GS ! n
        this.style.width = ((p[0]! >> 4) & 0x07) + 1;
        this.style.height = (p[0]! & 0x07) + 1;
        return;
      case 0x1d56: {
        // GS V m [n]
        const m = p[0]!;
        if (m === 65 || m === 66 || m === 97 || m === 98 || m === 103 || m === 104) {
          if (p.length === 1) {
            this.state = { k: 'params', prefix, cmd, need: 2, got: p };
            return;
          }
        }
        this.endLine(out, false);
        out.push({ type: 'cut', partial: m === 1 || m === 49 || m === 66 || m === 98 || m === 104 });
        return;
      }
      case 0x1d28: // GS ( fn pL pH …
        if (p[0] === 0x6b) this.state = { k: 'gs-k-head', got: [] };
        else this.state = { k: 'params', prefix: 0x1d28, cmd: 0x00, need: 2, got: [] };
        return;
      case 0x1d2800: {
        // GS ( other than k: skip pL + pH·256 bytes
        const n = p[0]! | (p[1]! << 8);
        this.state = n > 0 ? { k: 'skip', left: n } : { k: 'text' };
        return;
      }
      case 0x1c26: // FS &
        this.chinese = true;
        return;
      case 0x1c2e: // FS .
        this.endLine(out, false);
        this.chinese = false;
        return;
      case 0x1004: // DLE EOT n
        out.push({ type: 'status-request', n: p[0]! });
        return;
      case 0x1005: // DLE ENQ n
        if (p[0] === 2) {
          this.line = [];
          this.lineStyle = null;
          out.push({ type: 'clear-buffers' });
        }
        return;
      default:
        return;
    }
  }

  /** GS ( k: cn fn [params]; only QR (cn = 0x31) matters here. */
  private gsK(body: number[], out: EscPosEvent[]): void {
    const [cn, fn] = body;
    if (cn !== 0x31) return;
    switch (fn) {
      case 0x41:
        this.qr.model = body[2] === 0x31 ? 1 : body[2] === 0x33 ? 3 : 2;
        return;
      case 0x43:
        if (body[2] !== undefined && body[2] >= 1 && body[2] <= 16) this.qr.moduleSize = body[2];
        return;
      case 0x45:
        if (body[2] !== undefined && body[2] >= 0x30 && body[2] <= 0x33) this.qr.ecc = ECC_NAMES[body[2] - 0x30]!;
        return;
      case 0x50:
        if (body[2] === 0x30) this.qr.data = Uint8Array.from(body.slice(3));
        return;
      case 0x51:
        if (this.qr.data) {
          this.endLine(out, false);
          out.push({ type: 'qr', data: this.qr.data, moduleSize: this.qr.moduleSize, ecc: this.qr.ecc, model: this.qr.model });
        }
        return;
      default:
        return;
    }
  }
}
