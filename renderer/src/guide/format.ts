// Turns the structured guide elements into the sentences citizens read.
import type { Fees, Material, TimeLimit } from '../../../common/catalog';
import type { Strings } from '../i18n/strings';

export function timeLimitText(t: Strings, tl: TimeLimit): string {
  return tl.kind === 'on_the_spot' ? t.timeOnSpot : t.timeWorkingDays(tl.promised, tl.legal);
}

/** null when the service is free (the caller shows the free sentence instead of a table) */
export function feeItems(fees: Fees) {
  return fees.kind === 'free' ? null : fees.items;
}

export function materialFacts(t: Strings, m: Material): string[] {
  // A material another department holds is fetched, not asked for: its 无需提交 badge stands
  // alone, with no copies, photocopy or "required" beside it that would have the citizen bring it.
  if (m.sharedFrom) return [];
  return [t.copies(m.copies), t.form[m.form], m.original ? t.original : t.photocopy, m.required ? t.required : t.optional];
}

/** Materials the citizen does not have to bring, because the department fetches them. */
export function sharedCount(materials: readonly Material[]): number {
  return materials.filter((m) => m.sharedFrom).length;
}
