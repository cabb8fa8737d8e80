// The 256-byte text block of a card (UCS-2LE, space padded). Four layouts exist; the flag at
// bytes 248–249 says which. One table per layout drives both decoding (driver) and encoding
// (simulator), so the two cannot drift apart.
import type { CardReadProblem } from '../../common/device-failures';
import type { ChipCardIdentity, ForeignPermanent2017Identity, ForeignPermanent2023Identity, Gender, HmtResidencePermitIdentity, ResidentCardIdentity } from '../../common/devices';
import { idNumberProblem, type IdNumberProblem } from '../../common/id-number';
import { err, ok, type Result } from '../../common/result';
import { GENDER_BY_CODE, GENDER_CODE, NATION_BY_CODE } from './codes';

export const TEXT_BLOCK_BYTES = 256;
const FLAG_AT = 248;

type Field = readonly [name: string, offset: number, bytes: number];

const RESIDENT: readonly Field[] = [
  ['name', 0, 30],
  ['gender', 30, 2],
  ['nation', 32, 4],
  ['birth', 36, 16],
  ['address', 52, 70],
  ['idNumber', 122, 36],
  ['authority', 158, 30],
  ['validFrom', 188, 16],
  ['validTo', 204, 16],
];
const HMT: readonly Field[] = [
  ['name', 0, 30],
  ['gender', 30, 2],
  ['birth', 36, 16],
  ['address', 52, 70],
  ['idNumber', 122, 36],
  ['authority', 158, 30],
  ['validFrom', 188, 16],
  ['validTo', 204, 16],
  ['passNumber', 220, 18],
  ['issueCount', 238, 4],
];
const FOREIGN_2017: readonly Field[] = [
  ['englishName', 0, 120],
  ['gender', 120, 2],
  ['cardNumber', 122, 30],
  ['nationality', 152, 6],
  ['chineseName', 158, 30],
  ['validFrom', 188, 16],
  ['validTo', 204, 16],
  ['birth', 220, 16],
  ['version', 236, 4],
  ['authorityCode', 240, 8],
];
const FOREIGN_2023: readonly Field[] = [
  ['chineseName', 0, 30],
  ['gender', 30, 2],
  ['renewalCount', 32, 4],
  ['birth', 36, 16],
  ['englishName', 52, 70],
  ['idNumber', 122, 36],
  ['authority', 158, 30],
  ['validFrom', 188, 16],
  ['validTo', 204, 16],
  ['englishNameCont', 220, 22],
  ['nationality', 242, 6],
  ['previousNumberLink', 250, 6],
];

export type CardTextProblem =
  { kind: 'length'; bytes: number } | { kind: 'unknown-card-type'; flag: string } | { kind: 'field'; field: string; reason: string } | { kind: 'id-number'; problem: IdNumberProblem };

/** A text block problem as the code the screens word, and what exactly was wrong for the log. */
export function textProblemOf(p: CardTextProblem): { problem: CardReadProblem; detail: string } {
  switch (p.kind) {
    case 'length':
      return { problem: 'text-length', detail: `card text block has ${p.bytes} bytes` };
    case 'unknown-card-type':
      return { problem: 'unknown-card-type', detail: `unsupported card type flag "${p.flag}"` };
    case 'field':
      return { problem: 'bad-field', detail: `card field ${p.field} is ${p.reason}` };
    case 'id-number':
      return { problem: 'id-number', detail: `the card number failed its check (${p.problem})` };
  }
}

function readRaw(block: Uint8Array, offset: number, bytes: number): string {
  let s = '';
  for (let i = offset; i + 1 < offset + bytes; i += 2) s += String.fromCharCode(block[i]! | (block[i + 1]! << 8));
  return s;
}

function readField(block: Uint8Array, offset: number, bytes: number): string {
  return readRaw(block, offset, bytes)
    .replace(/[\s\u0000]+$/u, '')
    .replace(/^[\s\u0000]+/u, '');
}

/** The layout's fields as text; the first of `required` that is empty is a problem. */
function fields(block: Uint8Array, layout: readonly Field[], required: readonly string[]): Result<Record<string, string>, CardTextProblem> {
  const f: Record<string, string> = Object.fromEntries(layout.map(([name, o, n]) => [name, readField(block, o, n)]));
  const missing = required.find((n) => !f[n]);
  return missing === undefined ? ok(f) : err({ kind: 'field', field: missing, reason: 'empty' });
}

function date(v: string, field: string): Result<string, CardTextProblem> {
  if (!/^\d{8}$/.test(v)) return err({ kind: 'field', field, reason: 'not a date' });
  const [y, m, d] = [Number(v.slice(0, 4)), Number(v.slice(4, 6)), Number(v.slice(6, 8))];
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return err({ kind: 'field', field, reason: 'not a date' });
  return ok(`${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}`);
}

function validTo(v: string): Result<string | null, CardTextProblem> {
  return v === '长期' ? ok(null) : date(v, 'validTo');
}

function gender(v: string): Result<Gender, CardTextProblem> {
  const g = GENDER_BY_CODE[v];
  return g ? ok(g) : err({ kind: 'field', field: 'gender', reason: 'not a gender code' });
}

function idNumber(v: string): Result<string, CardTextProblem> {
  const problem = idNumberProblem(v);
  return problem ? err({ kind: 'id-number', problem }) : ok(v);
}

/** Wraps a chain of field checks: the first failure wins. */
function all<T extends Record<string, Result<unknown, CardTextProblem>>>(checks: T): Result<{ [K in keyof T]: T[K] extends Result<infer V, CardTextProblem> ? V : never }, CardTextProblem> {
  const out: Record<string, unknown> = {};
  for (const [k, r] of Object.entries(checks)) {
    if (!r.ok) return r;
    out[k] = r.value;
  }
  return ok(out as never);
}

/** Gender, dates and the identity number, in the chip's order (the 2017 foreign card, which has no identity number, checks the rest itself). */
function basicsWithIdNumber(f: Record<string, string>) {
  return all({ gender: gender(f.gender!), birthDate: date(f.birth!, 'birth'), idNumber: idNumber(f.idNumber!), validFrom: date(f.validFrom!, 'validFrom'), validTo: validTo(f.validTo!) });
}

export function cardTypeFlag(block: Uint8Array): string {
  return block.length >= FLAG_AT + 2 ? String.fromCharCode(block[FLAG_AT]! | (block[FLAG_AT + 1]! << 8)) : '';
}

export function decodeTextBlock(block: Uint8Array): Result<ChipCardIdentity, CardTextProblem> {
  if (block.length !== TEXT_BLOCK_BYTES) return err({ kind: 'length', bytes: block.length });
  const flag = cardTypeFlag(block);
  switch (flag) {
    case ' ':
    case '\u0000': {
      const t = fields(block, RESIDENT, ['name', 'address', 'authority']);
      if (!t.ok) return t;
      const f = t.value;
      const nation = NATION_BY_CODE[f.nation!];
      if (!nation) return err({ kind: 'field', field: 'nation', reason: 'not a nation code' });
      const r = basicsWithIdNumber(f);
      if (!r.ok) return r;
      const id: ResidentCardIdentity = { cardType: 'resident', name: f.name!, nationCode: f.nation!, nation, address: f.address!, authority: f.authority!, ...r.value };
      return ok(id);
    }
    case 'J': {
      const t = fields(block, HMT, ['name', 'authority', 'passNumber']);
      if (!t.ok) return t;
      const f = t.value;
      const r = basicsWithIdNumber(f);
      if (!r.ok) return r;
      const id: HmtResidencePermitIdentity = {
        cardType: 'hmt-residence-permit',
        name: f.name!,
        address: f.address!,
        authority: f.authority!,
        passNumber: f.passNumber!,
        issueCount: f.issueCount!,
        ...r.value,
      };
      return ok(id);
    }
    case 'I': {
      const t = fields(block, FOREIGN_2017, ['englishName', 'cardNumber', 'nationality']);
      if (!t.ok) return t;
      const f = t.value;
      if (!/^[A-Z]{3}\d{12}$/.test(f.cardNumber!)) return err({ kind: 'field', field: 'cardNumber', reason: 'not a permanent residence card number' });
      const r = all({ gender: gender(f.gender!), birthDate: date(f.birth!, 'birth'), validFrom: date(f.validFrom!, 'validFrom'), validTo: validTo(f.validTo!) });
      if (!r.ok) return r;
      const id: ForeignPermanent2017Identity = {
        cardType: 'foreign-permanent-2017',
        englishName: f.englishName!,
        chineseName: f.chineseName!,
        cardNumber: f.cardNumber!,
        nationality: f.nationality!,
        version: f.version!,
        authorityCode: f.authorityCode!,
        ...r.value,
      };
      return ok(id);
    }
    case 'Y': {
      const t = fields(block, FOREIGN_2023, ['englishName', 'idNumber', 'nationality']);
      if (!t.ok) return t;
      const f = t.value;
      if (!f.idNumber!.startsWith('9')) return err({ kind: 'field', field: 'idNumber', reason: 'not a foreign permanent resident number' });
      const r = basicsWithIdNumber(f);
      if (!r.ok) return r;
      const id: ForeignPermanent2023Identity = {
        cardType: 'foreign-permanent-2023',
        chineseName: f.chineseName!,
        // A long name runs on into the continuation field; the space at the seam belongs to the name.
        englishName: f.englishNameCont ? (readRaw(block, 52, 70) + readRaw(block, 220, 22)).replace(/[\s\u0000]+$/u, '').replace(/^[\s\u0000]+/u, '') : f.englishName!,
        renewalCount: f.renewalCount!,
        authority: f.authority!,
        nationality: f.nationality!,
        previousNumberLink: f.previousNumberLink!,
        ...r.value,
      };
      return ok(id);
    }
    default:
      return err({ kind: 'unknown-card-type', flag });
  }
}

// --- encoding (simulator, tests) ---------------------------------------------------------------

function writeField(block: Uint8Array, offset: number, bytes: number, value: string): void {
  const chars = bytes / 2;
  if (value.length > chars) throw new RangeError(`field at ${offset} holds ${chars} characters, got ${value.length}`);
  const padded = value.padEnd(chars, ' ');
  for (let i = 0; i < chars; i++) {
    const c = padded.charCodeAt(i);
    block[offset + i * 2] = c & 0xff;
    block[offset + i * 2 + 1] = c >> 8;
  }
}

const compact = (isoDate: string) => isoDate.replaceAll('-', '');

/** What every card type carries, as the chip writes it (a long-term card's validTo is 长期). */
function basicsText(id: ChipCardIdentity): Record<'gender' | 'birth' | 'validFrom' | 'validTo', string> {
  return { gender: GENDER_CODE[id.gender], birth: compact(id.birthDate), validFrom: compact(id.validFrom), validTo: id.validTo === null ? '长期' : compact(id.validTo) };
}

/** Builds the text block a chip would hold for this identity. Throws if a field is too long. */
export function encodeTextBlock(id: ChipCardIdentity): Uint8Array {
  const block = new Uint8Array(TEXT_BLOCK_BYTES);
  writeField(block, 0, TEXT_BLOCK_BYTES, '');
  let layout: readonly Field[];
  let values: Record<string, string>;
  let flag: string;
  switch (id.cardType) {
    case 'resident':
      layout = RESIDENT;
      flag = ' ';
      values = {
        name: id.name,
        nation: id.nationCode,
        address: id.address,
        idNumber: id.idNumber,
        authority: id.authority,
      };
      break;
    case 'hmt-residence-permit':
      layout = HMT;
      flag = 'J';
      values = {
        name: id.name,
        address: id.address,
        idNumber: id.idNumber,
        authority: id.authority,
        passNumber: id.passNumber,
        issueCount: id.issueCount,
      };
      break;
    case 'foreign-permanent-2017':
      layout = FOREIGN_2017;
      flag = 'I';
      values = {
        englishName: id.englishName,
        cardNumber: id.cardNumber,
        nationality: id.nationality,
        chineseName: id.chineseName,
        version: id.version,
        authorityCode: id.authorityCode,
      };
      break;
    case 'foreign-permanent-2023':
      layout = FOREIGN_2023;
      flag = 'Y';
      values = {
        chineseName: id.chineseName,
        renewalCount: id.renewalCount,
        englishName: id.englishName.slice(0, 35),
        englishNameCont: id.englishName.slice(35),
        idNumber: id.idNumber,
        authority: id.authority,
        nationality: id.nationality,
        previousNumberLink: id.previousNumberLink,
      };
      break;
  }
  const text: Record<string, string> = { ...basicsText(id), ...values };
  for (const [name, o, n] of layout) writeField(block, o, n, text[name] ?? '');
  writeField(block, FLAG_AT, 2, flag);
  return block;
}
