// Serial-mode code scanners send each code followed by CR, LF or CR LF. Codes are UTF-8 on
// most current scanners and GB18030 on many sold in China; both are accepted.
import iconv from 'iconv-lite';
import { MAX_CODE } from './hid-keyboard';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeCodeBytes(b: Uint8Array): string {
  try {
    return utf8.decode(b);
  } catch {
    return iconv.decode(Buffer.from(b), 'gb18030');
  }
}

export type LineEvent = { type: 'code'; text: string } | { type: 'overflow' };

export class SerialLineDecoder {
  private buf: number[] = [];
  private overflow = false;

  push(chunk: Uint8Array): LineEvent[] {
    const out: LineEvent[] = [];
    for (const b of chunk) {
      if (b === 0x0d || b === 0x0a) {
        if (this.overflow) out.push({ type: 'overflow' });
        else if (this.buf.length) {
          const text = decodeCodeBytes(Uint8Array.from(this.buf)).replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
          if (text) out.push({ type: 'code', text });
        }
        this.buf = [];
        this.overflow = false;
      } else if (this.buf.length >= MAX_CODE * 4) this.overflow = true;
      else this.buf.push(b);
    }
    return out;
  }
}
