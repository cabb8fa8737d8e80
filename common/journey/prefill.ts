// The values a generated form starts with, each saying where it came from (来自身份证 / 共享获取),
// so the citizen can tell what they typed from what the kiosk filled in for them.
import type { CardIdentity } from '../devices';
import type { FormField } from '../form-schema';
import { maskIdNumber } from '../mask';
import { cardField, isLockedToCard } from './identity';

export type PrefillSource = { from: 'id-card' } | { from: 'shared'; department: string };

export interface PrefilledValue {
  /** what the field starts with; for an identity number on screen, the masked form */
  value: string;
  source: PrefillSource;
  /** shown, not editable: the backend writes the card's value at submit */
  locked: boolean;
}

/** Another department's records, asked for one field of this applicant (null: nothing on file). */
export type SharedLookup = (department: string, fieldId: string, identity: CardIdentity) => string | null;

export function prefillForm(fields: readonly FormField[], identity: CardIdentity, shared: SharedLookup): Record<string, PrefilledValue> {
  const out: Record<string, PrefilledValue> = {};
  for (const f of fields) {
    if (f.prefill.from === 'id-card') {
      const v = cardField(identity, f.prefill.field);
      if (v === null) continue;
      const locked = isLockedToCard(f);
      // The full number is not needed on screen: the backend fills it from the card it holds.
      out[f.id] = { value: f.kind === 'id-number' && locked ? maskIdNumber(v) : v, source: { from: 'id-card' }, locked };
    } else if (f.prefill.from === 'shared') {
      const v = shared(f.prefill.department, f.id, identity);
      if (v !== null) out[f.id] = { value: v, source: { from: 'shared', department: f.prefill.department }, locked: false };
    }
  }
  return out;
}

/** The form as submitted: what the citizen entered, with every card-locked field taken from the card. */
export function withCardValues(fields: readonly FormField[], entered: Readonly<Record<string, unknown>>, identity: CardIdentity): Record<string, string | number | boolean | null | string[]> {
  const out: Record<string, string | number | boolean | null | string[]> = {};
  for (const f of fields) {
    const v = entered[f.id];
    // a card field this identity does not carry (网证: no nation, authority, validity) is the citizen's to enter
    const fromCard = f.prefill.from === 'id-card' && isLockedToCard(f) ? cardField(identity, f.prefill.field) : null;
    if (fromCard !== null) out[f.id] = fromCard;
    else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null) out[f.id] = v;
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) out[f.id] = v as string[];
  }
  return out;
}

/** The fields the card would fill that this identity does not carry (a 网证 answer has no address, nation, …): asked on the form. */
export function notOnCard(fields: readonly FormField[], identity: CardIdentity): string[] {
  return fields.filter((f) => f.prefill.from === 'id-card' && cardField(identity, f.prefill.field) === null).map((f) => f.id);
}
