// IPP/1.1 message encoding (RFC 8010), just what the kiosk needs to submit a PDF to CUPS and
// follow it: operation attributes out; any attribute groups back. The decoder is total — a
// truncated or hostile answer yields an error value, never an exception or a huge allocation.
import { err, ok, type Result } from '../../common/result';

export const Op = {
  printJob: 0x0002,
  cancelJob: 0x0008,
  getJobAttributes: 0x0009,
  getPrinterAttributes: 0x000b,
} as const;

export const Tag = {
  operation: 0x01,
  job: 0x02,
  end: 0x03,
  printer: 0x04,
  unsupported: 0x05,
  integer: 0x21,
  boolean: 0x22,
  enum: 0x23,
  text: 0x41,
  name: 0x42,
  keyword: 0x44,
  uri: 0x45,
  charset: 0x47,
  language: 0x48,
  mime: 0x49,
} as const;

export type IppValue = number | boolean | string | Uint8Array;
export interface IppAttribute {
  tag: number;
  name: string;
  values: IppValue[];
}
export interface IppGroup {
  tag: number;
  attributes: IppAttribute[];
}
export interface IppMessage {
  version: [number, number];
  /** operation id in a request, status code in a response */
  code: number;
  requestId: number;
  groups: IppGroup[];
  data: Uint8Array;
}

const enc = new TextEncoder();
const dec = new TextDecoder('utf-8', { fatal: false });

function valueBytes(tag: number, v: IppValue): Uint8Array {
  if (tag === Tag.integer || tag === Tag.enum) {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setInt32(0, v as number);
    return b;
  }
  if (tag === Tag.boolean) return Uint8Array.of(v ? 1 : 0);
  if (v instanceof Uint8Array) return v;
  return enc.encode(String(v));
}

export function encodeIpp(msg: Omit<IppMessage, 'version' | 'data'> & { version?: [number, number]; data?: Uint8Array }): Uint8Array {
  const parts: number[] = [...(msg.version ?? [1, 1]), msg.code >> 8, msg.code & 0xff];
  parts.push((msg.requestId >>> 24) & 0xff, (msg.requestId >>> 16) & 0xff, (msg.requestId >>> 8) & 0xff, msg.requestId & 0xff);
  for (const g of msg.groups) {
    parts.push(g.tag);
    for (const a of g.attributes) {
      a.values.forEach((v, i) => {
        const name = i === 0 ? enc.encode(a.name) : new Uint8Array(0);
        const value = valueBytes(a.tag, v);
        parts.push(a.tag, name.length >> 8, name.length & 0xff, ...name, value.length >> 8, value.length & 0xff, ...value);
      });
    }
  }
  parts.push(Tag.end);
  const head = Uint8Array.from(parts);
  if (!msg.data?.length) return head;
  const out = new Uint8Array(head.length + msg.data.length);
  out.set(head);
  out.set(msg.data, head.length);
  return out;
}

export type IppDecodeError = { kind: 'truncated'; at: number } | { kind: 'malformed'; at: number; why: string };

function decodeValue(tag: number, b: Uint8Array): IppValue {
  if ((tag === Tag.integer || tag === Tag.enum) && b.length === 4) return new DataView(b.buffer, b.byteOffset, 4).getInt32(0);
  if (tag === Tag.boolean && b.length === 1) return b[0] !== 0;
  if (tag >= 0x40 && tag <= 0x5f) return dec.decode(b);
  return b.slice();
}

export function decodeIpp(bytes: Uint8Array): Result<IppMessage, IppDecodeError> {
  if (bytes.length < 9) return err({ kind: 'truncated', at: bytes.length });
  const version: [number, number] = [bytes[0]!, bytes[1]!];
  const code = (bytes[2]! << 8) | bytes[3]!;
  const requestId = ((bytes[4]! << 24) | (bytes[5]! << 16) | (bytes[6]! << 8) | bytes[7]!) >>> 0;
  const groups: IppGroup[] = [];
  let i = 8;
  let group: IppGroup | null = null;
  let attr: IppAttribute | null = null;
  while (i < bytes.length) {
    const tag = bytes[i]!;
    if (tag === Tag.end) return ok({ version, code, requestId, groups, data: bytes.subarray(i + 1) });
    if (tag < 0x10) {
      // a delimiter: starts a new attribute group
      group = { tag, attributes: [] };
      groups.push(group);
      attr = null;
      i++;
      continue;
    }
    if (!group) return err({ kind: 'malformed', at: i, why: 'attribute before any group' });
    if (i + 3 > bytes.length) return err({ kind: 'truncated', at: i });
    const nameLen = (bytes[i + 1]! << 8) | bytes[i + 2]!;
    const nameEnd = i + 3 + nameLen;
    if (nameEnd + 2 > bytes.length) return err({ kind: 'truncated', at: i });
    const valueLen = (bytes[nameEnd]! << 8) | bytes[nameEnd + 1]!;
    const valueEnd = nameEnd + 2 + valueLen;
    if (valueEnd > bytes.length) return err({ kind: 'truncated', at: nameEnd });
    const value = decodeValue(tag, bytes.subarray(nameEnd + 2, valueEnd));
    if (nameLen > 0) {
      attr = { tag, name: dec.decode(bytes.subarray(i + 3, nameEnd)), values: [value] };
      group.attributes.push(attr);
    } else if (attr) attr.values.push(value);
    else return err({ kind: 'malformed', at: i, why: 'additional value without an attribute' });
    i = valueEnd;
  }
  return err({ kind: 'truncated', at: i });
}

/** First value of an attribute anywhere in the message. */
export function attr(msg: IppMessage, name: string): IppValue | undefined {
  for (const g of msg.groups) for (const a of g.attributes) if (a.name === name) return a.values[0];
  return undefined;
}

export function attrAll(msg: IppMessage, name: string): IppValue[] {
  for (const g of msg.groups) for (const a of g.attributes) if (a.name === name) return a.values;
  return [];
}

export const IppStatus = {
  ok: 0x0000,
  okIgnoredOrSubstituted: 0x0001,
  notFound: 0x0406,
  notPossible: 0x0404,
  notAcceptingJobs: 0x0506,
} as const;

export const JobState = { pending: 3, held: 4, processing: 5, stopped: 6, canceled: 7, aborted: 8, completed: 9 } as const;
export const PrinterState = { idle: 3, processing: 4, stopped: 5 } as const;
