// A second-generation ID-card reader in software. It sits on the device end of a pty pair and
// answers the SAM protocol byte for byte, so the real driver is what gets tested. Faults can
// be injected: line noise, corrupted checksums, split frames, silence, a failed SAM.
import type { ChipCardIdentity } from '../../common/devices';
import { Emitter } from '../core/emitter';
import type { Link } from '../core/link';
import { DeviceEnd } from '../sim/device-end';
import { Cmd, encodeReadData, encodeResponse, Sw3 } from './frame';
import { SamFrameParser } from './frame-parser';
import { SAMPLE_CARDS, samplePhotoWlt, type SampleCardName } from './sample-cards';
import { encodeTextBlock } from './text-block';

export interface SimCard {
  text: Uint8Array;
  photo: Uint8Array;
  fingerprint: Uint8Array | null;
}

export function simCard(identity: ChipCardIdentity, withFingerprint = false): SimCard {
  const text = encodeTextBlock(identity);
  const photo = samplePhotoWlt(JSON.stringify(identity));
  return { text, photo, fingerprint: withFingerprint ? new Uint8Array(1024).fill(0x46) : null };
}

export function sampleCard(name: SampleCardName): SimCard {
  return simCard(SAMPLE_CARDS[name]);
}

export interface IdCardSimFaults {
  /** garbage bytes written before each answer */
  noiseBeforeAnswer: number;
  /** corrupt the checksum of the next N answers */
  corruptNext: number;
  /** deliver answers in chunks of this many bytes with a pause between (0 = whole) */
  splitChunk: number;
  /** answer nothing at all */
  silent: boolean;
  /** SAM self-test fails (SW3 60) */
  samFault: boolean;
  /** keep reporting "card found" after a read, like some cheap readers */
  findAfterRead: boolean;
}

type CardState = 'absent' | 'present' | 'selected' | 'read';

export class IdCardReaderSim {
  readonly events = new Emitter<{ command: number[]; read: SimCard }>();
  private readonly end = new DeviceEnd();
  private readonly parser = new SamFrameParser();
  private card: SimCard | null = null;
  private cardState: CardState = 'absent';
  readonly faults: IdCardSimFaults = { noiseBeforeAnswer: 0, corruptNext: 0, splitChunk: 0, silent: false, samFault: false, findAfterRead: false };
  /** simulated time the chip takes to read (real readers: ~0.5–1 s) */
  readDelayMs = 0;
  supportsFingerprint: boolean;
  commandsSeen = 0;

  constructor(opts: { supportsFingerprint?: boolean } = {}) {
    this.supportsFingerprint = opts.supportsFingerprint ?? false;
  }

  /** Opens the device end of the pty (again, after a replug). */
  async attach(devicePath: string): Promise<void> {
    this.attachLink(await DeviceEnd.open(devicePath, 115200));
  }

  attachLink(link: Link): void {
    this.parser.reset();
    if (this.cardState === 'selected') this.cardState = 'present'; // power cycle drops the selection
    this.end.plug(link, (d) => this.onBytes(d));
  }

  detach(): Promise<void> {
    return this.end.unplug();
  }

  insert(card: SimCard | SampleCardName): void {
    this.card = typeof card === 'string' ? sampleCard(card) : card;
    this.cardState = 'present';
  }

  remove(): void {
    this.card = null;
    this.cardState = 'absent';
  }

  get cardPresent(): boolean {
    return this.card !== null;
  }

  private onBytes(chunk: Uint8Array): void {
    for (const ev of this.parser.push(chunk)) {
      if (ev.type === 'bad-checksum') void this.answer(encodeResponse(Sw3.checksumError));
      else if (ev.type === 'frame') void this.command(ev.body);
    }
  }

  private async command(body: Uint8Array): Promise<void> {
    this.commandsSeen++;
    const cmd = [body[0]!, body[1]!];
    this.events.emit('command', cmd);
    const key = (cmd[0]! << 8) | cmd[1]!;
    const is = (c: readonly [number, number]) => key === ((c[0] << 8) | c[1]);
    if (is(Cmd.samStatus) || is(Cmd.resetSam)) return this.answer(encodeResponse(this.faults.samFault ? Sw3.selfTestFailed : Sw3.ok));
    if (is(Cmd.samId)) return this.answer(encodeResponse(Sw3.ok, Uint8Array.from([0x05, 0x00, 0x01, 0x00, 0x20, 0x26, 0x11, 0x22, 0x00, 0x00, 0x00, 0x01, 0x12, 0x34, 0x56, 0x78])));
    if (this.faults.samFault) return this.answer(encodeResponse(Sw3.selfTestFailed));
    if (is(Cmd.findCard)) {
      const visible = this.card && (this.cardState !== 'read' || this.faults.findAfterRead);
      if (visible && this.cardState === 'read') this.cardState = 'present';
      return this.answer(visible ? encodeResponse(Sw3.cardFound, new Uint8Array(4)) : encodeResponse(Sw3.noCard));
    }
    if (is(Cmd.selectCard)) {
      if (!this.card || (this.cardState !== 'present' && this.cardState !== 'selected')) return this.answer(encodeResponse(Sw3.selectFailed));
      this.cardState = 'selected';
      return this.answer(encodeResponse(Sw3.ok, new Uint8Array(8)));
    }
    if (is(Cmd.readTextPhoto) || is(Cmd.readTextPhotoFingerprint)) {
      const withFp = is(Cmd.readTextPhotoFingerprint);
      if (withFp && !this.supportsFingerprint) return this.answer(encodeResponse(Sw3.badCommand));
      if (!this.card || this.cardState !== 'selected') return this.answer(encodeResponse(Sw3.readFailed));
      const card = this.card;
      if (this.readDelayMs) await new Promise((r) => setTimeout(r, this.readDelayMs));
      if (this.card !== card) return this.answer(encodeResponse(Sw3.readFailed)); // pulled away mid-read
      this.cardState = 'read';
      this.events.emit('read', card);
      const fp = withFp ? (card.fingerprint ?? new Uint8Array(1024)) : undefined;
      return this.answer(encodeResponse(Sw3.ok, encodeReadData(card.text, card.photo, fp)));
    }
    return this.answer(encodeResponse(Sw3.badCommand));
  }

  private async answer(frame: Uint8Array): Promise<void> {
    const link = this.end.link;
    if (!link || this.faults.silent) return;
    let out = frame;
    if (this.faults.corruptNext > 0) {
      this.faults.corruptNext--;
      out = frame.slice();
      out[out.length - 1] = out[out.length - 1]! ^ 0x5a;
    }
    if (this.faults.noiseBeforeAnswer > 0) {
      const noise = Uint8Array.from({ length: this.faults.noiseBeforeAnswer }, (_, i) => (i * 37 + 0xaa) & 0xff);
      const joined = new Uint8Array(noise.length + out.length);
      joined.set(noise);
      joined.set(out, noise.length);
      out = joined;
    }
    try {
      if (this.faults.splitChunk > 0) {
        for (let i = 0; i < out.length; i += this.faults.splitChunk) {
          await link.write(out.subarray(i, i + this.faults.splitChunk));
          await new Promise((r) => setTimeout(r, 2));
        }
      } else await link.write(out);
    } catch {
      // the cable was pulled while answering
    }
  }
}
