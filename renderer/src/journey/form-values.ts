// From what the citizen typed to what is sent: empty answers dropped, numbers as numbers, and
// fields locked to the card left out (the backend writes those from the card it holds).
import type { FormField } from '../../../common/form-schema';
import { validateForm, type FieldProblem } from '../../../common/form-validation';
import { chinaDateOf } from '../../../common/working-days';

export function answersToSend(fields: readonly FormField[], values: Readonly<Record<string, string>>, locked: ReadonlySet<string>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const f of fields) {
    if (locked.has(f.id)) continue;
    const v = (values[f.id] ?? '').trim();
    if (v === '') continue;
    out[f.id] = f.kind === 'number' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : f.kind === 'id-number' ? v.toUpperCase() : v;
  }
  return out;
}

/** The same check the backend runs, before leaving the form step (locked fields are the card's). */
export function formProblems(fields: readonly FormField[], values: Readonly<Record<string, string>>, locked: ReadonlySet<string>, now = new Date()): FieldProblem[] {
  const open = fields.filter((f) => !locked.has(f.id));
  return validateForm(open, answersToSend(open, values, locked), { today: chinaDateOf(now) });
}
