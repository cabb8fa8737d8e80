// Streaming SAM frame parser. Serial links deliver frames split across reads, several in one
// read, or with line noise in between; this finds preambles, checks lengths and checksums and
// resynchronises instead of giving up. Memory is bounded by the longest legal frame.
import { MAX_LEN, MIN_LEN, PREAMBLE, xorOf } from './frame';

export type SamParseEvent =
  /** body = everything between LEN and CHK (CMD PARA data, or SW1 SW2 SW3 data) */
  { type: 'frame'; body: Uint8Array } | { type: 'noise'; bytes: number } | { type: 'bad-length'; len: number } | { type: 'bad-checksum' };

const HEADER = 7;
const CAPACITY = HEADER + MAX_LEN;

export class SamFrameParser {
  private buf = new Uint8Array(CAPACITY);
  private len = 0;

  /** Bytes held waiting for the rest of a frame. */
  get pending(): number {
    return this.len;
  }

  reset(): void {
    this.len = 0;
  }

  push(chunk: Uint8Array): SamParseEvent[] {
    const events: SamParseEvent[] = [];
    let offset = 0;
    while (offset < chunk.length) {
      const take = Math.min(chunk.length - offset, CAPACITY - this.len);
      this.buf.set(chunk.subarray(offset, offset + take), this.len);
      this.len += take;
      offset += take;
      this.drain(events);
    }
    return events;
  }

  private drain(events: SamParseEvent[]): void {
    for (;;) {
      const at = this.findPreamble();
      if (at < 0) {
        // Keep a tail that may be the start of a preamble; the rest is noise.
        const keep = this.partialPreambleTail();
        if (this.len - keep > 0) {
          events.push({ type: 'noise', bytes: this.len - keep });
          this.consume(this.len - keep);
        }
        return;
      }
      if (at > 0) {
        events.push({ type: 'noise', bytes: at });
        this.consume(at);
      }
      if (this.len < HEADER) return;
      const flen = (this.buf[5]! << 8) | this.buf[6]!;
      if (flen < MIN_LEN || flen > MAX_LEN) {
        events.push({ type: 'bad-length', len: flen });
        this.consume(1);
        continue;
      }
      const total = HEADER + flen;
      if (this.len < total) return;
      if (xorOf(this.buf, 5, total - 1) !== this.buf[total - 1]) {
        events.push({ type: 'bad-checksum' });
        // Skip only the first byte: a genuine frame may start inside the corrupt one.
        this.consume(1);
        continue;
      }
      events.push({ type: 'frame', body: this.buf.slice(HEADER, total - 1) });
      this.consume(total);
    }
  }

  private findPreamble(): number {
    const b = this.buf;
    outer: for (let i = 0; i + PREAMBLE.length <= this.len; i++) {
      for (let j = 0; j < PREAMBLE.length; j++) if (b[i + j] !== PREAMBLE[j]) continue outer;
      return i;
    }
    return -1;
  }

  /** Length of the longest suffix of the buffer that is a proper prefix of the preamble. */
  private partialPreambleTail(): number {
    for (let k = Math.min(PREAMBLE.length - 1, this.len); k > 0; k--) {
      let match = true;
      for (let j = 0; j < k; j++) {
        if (this.buf[this.len - k + j] !== PREAMBLE[j]) {
          match = false;
          break;
        }
      }
      if (match) return k;
    }
    return 0;
  }

  private consume(n: number): void {
    this.buf.copyWithin(0, n, this.len);
    this.len -= n;
  }
}
