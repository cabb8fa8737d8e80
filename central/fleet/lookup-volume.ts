// Unusual follow-up lookup volume per terminal, from central's lookup audit: many lookups that
// found nothing, proofs that did not match, or lookups refused by the rate limit within the last
// hour look like someone walking receipt numbers or trying claims at that terminal.
import type { CentralStore } from '../store';

export const LOOKUP_VOLUME_WINDOW_MS = 60 * 60_000;
/** Failed lookups (not found or a proof that did not match) in the window that raise the flag. */
export const UNUSUAL_FAILED_LOOKUPS = 20;

export interface LookupVolume {
  total: number;
  notFound: number;
  proofFailed: number;
  limited: number;
  unusual: boolean;
}

export function lookupVolumes(store: CentralStore, now: number): Map<string, LookupVolume> {
  const out = new Map<string, LookupVolume>();
  for (const [t, f] of store.lookupFigures(now - LOOKUP_VOLUME_WINDOW_MS)) out.set(t, { ...f, unusual: f.limited > 0 || f.notFound + f.proofFailed >= UNUSUAL_FAILED_LOOKUPS });
  return out;
}
