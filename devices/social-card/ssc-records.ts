// The records of a social security card's public files: each READ RECORD answer is one TLV
// (tag, length, value) that must carry the tag asked for, a length that fits the answer and the
// specification, and a value in the field's encoding. One field table (ssc-profile.ts) drives
// decoding here and encoding in the simulator, so the two cannot drift apart.
import iconv from 'iconv-lite';
import type { SocialSecurityCardIdentity } from '../../common/devices';
import { idNumberProblem, type IdNumberProblem } from '../../common/id-number';
import { err, ok, type Result } from '../../common/result';
import { GENDER_BY_CODE } from '../id-card/codes';
import type { SscField, SscFieldName, SscProfile } from './ssc-profile';

/** What the card says about its holder; no photo (the card has none a kiosk may read). */
export type SocialCardIdentity = SocialSecurityCardIdentity;

export type SscRecordFault = 'short' | 'wrong-tag' | 'length' | 'encoding';

export type SocialCardProblem = { kind: 'record'; field: SscFieldName; fault: SscRecordFault } | { kind: 'missing'; field: SscFieldName } | { kind: 'id-number'; problem: IdNumberProblem };

/** The value of one READ RECORD answer (status word already removed), checked against its field. */
export function parseRecord(field: SscField, data: Uint8Array): Result<Uint8Array, SscRecordFault> {
  if (data.length < 2) return err('short');
  if (data[0] !== field.tag) return err('wrong-tag');
  const len = data[1]!;
  if (len > field.bytes || len + 2 !== data.length) return err('length');
  return ok(data.subarray(2));
}

/** Padding on the card: NUL, space or 0xFF after the text. */
function unpad(v: Uint8Array): Uint8Array {
  let end = v.length;
  while (end > 0 && (v[end - 1] === 0x00 || v[end - 1] === 0x20 || v[end - 1] === 0xff)) end--;
  return v.subarray(0, end);
}

function ascii(v: Uint8Array): string | null {
  const t = unpad(v);
  for (const b of t) if (b < 0x20 || b > 0x7e) return null;
  return Buffer.from(t).toString('latin1');
}

function gbk(v: Uint8Array): string | null {
  const t = unpad(v);
  if (t.length === 0) return null;
  const s = iconv.decode(Buffer.from(t), 'gbk');
  // U+FFFD: bytes that are not GBK; controls: not a name
  return /[\uFFFD\u0000-\u001F\u007F-\u009F]/.test(s) ? null : s.trim() || null;
}

function bcdDate(v: Uint8Array): string | null {
  if (v.length !== 4) return null;
  let digits = '';
  for (const b of v) {
    const hi = b >> 4;
    const lo = b & 0x0f;
    if (hi > 9 || lo > 9) return null;
    digits += `${hi}${lo}`;
  }
  const y = Number(digits.slice(0, 4));
  const m = Number(digits.slice(4, 6));
  const d = Number(digits.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1880 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`;
}

/** One byte, two BCD digits (the nation code). */
function bcdCode(v: Uint8Array): string | null {
  if (v.length !== 1) return null;
  const hi = v[0]! >> 4;
  const lo = v[0]! & 0x0f;
  return hi > 9 || lo > 9 ? null : `${hi}${lo}`;
}

function decodeValue(field: SscField, v: Uint8Array): string | null {
  switch (field.encoding) {
    case 'an':
      return ascii(v);
    case 'gbk':
      return gbk(v);
    case 'bcd-date':
      return bcdDate(v);
    case 'code':
      return bcdCode(v);
  }
}

/** The answer to each field's READ RECORD (null: the card has no such record). */
export type SscRecords = ReadonlyMap<number, Uint8Array | null>;

/**
 * The holder's identity from the records. A required field that is missing or malformed makes
 * the card unusable; an optional one that is malformed is left out (null), never guessed.
 */
export function decodeSocialCard(profile: SscProfile, records: SscRecords): Result<SocialCardIdentity, SocialCardProblem> {
  const values = new Map<SscFieldName, string>();
  for (const field of profile.files.flatMap((f) => f.fields)) {
    const data = records.get(field.tag);
    if (!data) {
      if (field.required) return err({ kind: 'missing', field: field.name });
      continue;
    }
    const rec = parseRecord(field, data);
    const text = rec.ok ? decodeValue(field, rec.value) : null;
    if (text !== null && text !== '') values.set(field.name, text);
    else if (field.required) return err({ kind: 'record', field: field.name, fault: rec.ok ? 'encoding' : rec.error });
  }
  const cardNumber = values.get('cardNumber')!;
  if (!/^[0-9A-Z]{9}$/.test(cardNumber)) return err({ kind: 'record', field: 'cardNumber', fault: 'encoding' });
  const idNumber = values.get('socialSecurityNumber')!;
  const idProblem = idNumberProblem(idNumber);
  if (idProblem) return err({ kind: 'id-number', problem: idProblem });
  const g = values.get('gender');
  // written as the digit ('1') or, on some cards, as the byte 0x01
  const genderCode = g ?? (records.get(0x0a)?.length === 3 ? String(records.get(0x0a)![2]) : undefined);
  return ok({
    cardType: 'social-security',
    cardNumber,
    idNumber,
    name: values.get('name')!,
    gender: (genderCode !== undefined ? GENDER_BY_CODE[genderCode] : undefined) ?? 'unknown',
    birthDate: values.get('birthDate') ?? null,
    nationCode: values.get('nationCode') ?? null,
    validTo: values.get('validTo') ?? null,
  });
}

/** The records a card with this identity holds (the simulator and tests write them; one table). */
export function encodeSocialCard(profile: SscProfile, id: SocialCardIdentity, genderCode: string): Map<number, Uint8Array> {
  const out = new Map<number, Uint8Array>();
  const text: Record<SscFieldName, string | null> = {
    validTo: id.validTo,
    cardNumber: id.cardNumber,
    socialSecurityNumber: id.idNumber,
    name: id.name,
    gender: genderCode,
    nationCode: id.nationCode,
    birthDate: id.birthDate,
  };
  for (const field of profile.files.flatMap((f) => f.fields)) {
    const t = text[field.name];
    if (t === null) continue;
    let v: Uint8Array;
    if (field.encoding === 'gbk') {
      v = new Uint8Array(field.bytes);
      v.set(iconv.encode(t, 'gbk').subarray(0, field.bytes));
    } else if (field.encoding === 'bcd-date') v = Buffer.from(t.replaceAll('-', ''), 'hex');
    else if (field.encoding === 'code') v = Buffer.from(t, 'hex');
    else v = Buffer.from(t, 'latin1');
    out.set(field.tag, Uint8Array.from([field.tag, v.length, ...v]));
  }
  return out;
}
