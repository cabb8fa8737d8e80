// The APDU dialogue that reads a social security card's public files: SELECT the application by
// name, SELECT each file, READ RECORD each field by its tag (ISO/IEC 7816-4). Status words
// 61xx (more data: GET RESPONSE) and 6Cxx (wrong Le: ask again with xx) are followed as T=0
// cards need; a file or record the card does not have (6A82 / 6A83) is an absent field.
import { err, ok, type Result } from '../../common/result';
import type { SscProfile } from './ssc-profile';
import type { SscRecords } from './ssc-records';

export type Transmit<E> = (apdu: Uint8Array) => Promise<Result<Uint8Array, E>>;

export type SscReadFault<E> = { kind: 'not-social-card'; sw: number } | { kind: 'card-status'; sw: number; step: string } | { kind: 'garbled' } | { kind: 'transport'; error: E };

const SW_OK = 0x9000;
const NOT_FOUND = new Set([0x6a82, 0x6a83]);
/** GET RESPONSE / corrected-Le rounds before the card counts as misbehaving */
const MAX_ROUNDS = 4;

type Answer = { sw: number; data: Uint8Array };

/** Sends one command, following 61xx and 6Cxx; the data collected and the final status word. */
async function exchange<E>(transmit: Transmit<E>, apdu: Uint8Array): Promise<Result<Answer, SscReadFault<E>>> {
  let cmd = apdu;
  const collected: number[] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const r = await transmit(cmd);
    if (!r.ok) return err({ kind: 'transport', error: r.error });
    if (r.value.length < 2) return err({ kind: 'garbled' });
    const sw = (r.value[r.value.length - 2]! << 8) | r.value[r.value.length - 1]!;
    collected.push(...r.value.subarray(0, r.value.length - 2));
    if (sw >> 8 === 0x61) cmd = Uint8Array.from([0x00, 0xc0, 0x00, 0x00, sw & 0xff]);
    else if (sw >> 8 === 0x6c) cmd = Uint8Array.from([...apdu.subarray(0, 4), sw & 0xff]);
    else return ok({ sw, data: Uint8Array.from(collected) });
  }
  return err({ kind: 'garbled' });
}

export const selectByName = (name: Uint8Array) => Uint8Array.from([0x00, 0xa4, 0x04, 0x00, name.length, ...name]);
export const selectFile = (fid: number) => Uint8Array.from([0x00, 0xa4, 0x02, 0x00, 0x02, fid >> 8, fid & 0xff]);
/** READ RECORD, P1 = the record's tag, P2 = 0x04 (record number in P1), Le = 0 (up to 256) */
export const readRecord = (tag: number) => Uint8Array.from([0x00, 0xb2, tag, 0x04, 0x00]);

const hex4 = (sw: number) => sw.toString(16).padStart(4, '0');

/** Reads every field of the profile; null for a record the card does not have. */
export async function readSocialCard<E>(transmit: Transmit<E>, profile: SscProfile): Promise<Result<SscRecords, SscReadFault<E>>> {
  const app = await exchange(transmit, selectByName(profile.aid));
  if (!app.ok) return app;
  if (app.value.sw !== SW_OK) return err({ kind: 'not-social-card', sw: app.value.sw });
  const records = new Map<number, Uint8Array | null>();
  for (const file of profile.files) {
    const sel = await exchange(transmit, selectFile(file.fid));
    if (!sel.ok) return sel;
    if (NOT_FOUND.has(sel.value.sw)) {
      for (const f of file.fields) records.set(f.tag, null);
      continue;
    }
    if (sel.value.sw !== SW_OK) return err({ kind: 'card-status', sw: sel.value.sw, step: `select ${file.fid.toString(16)}` });
    for (const field of file.fields) {
      const rec = await exchange(transmit, readRecord(field.tag));
      if (!rec.ok) return rec;
      if (NOT_FOUND.has(rec.value.sw)) records.set(field.tag, null);
      else if (rec.value.sw === SW_OK) records.set(field.tag, rec.value.data);
      else return err({ kind: 'card-status', sw: rec.value.sw, step: `read record ${field.tag} (${hex4(rec.value.sw)})` });
    }
  }
  return ok(records);
}
