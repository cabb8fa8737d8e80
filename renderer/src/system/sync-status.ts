// What the header tells the citizen about how fresh the service list is. Honest by design:
// when the kiosk cannot reach central it says so and names the time of the copy it shows.
import type { Strings } from '../i18n/strings';

export type SyncState = 'ok' | 'offline' | 'rejected' | 'pending';
export type LastSync = 'updated' | 'unchanged' | 'unreachable' | 'rejected' | null;

export function syncStateFromInfo(lastSync: LastSync): SyncState {
  switch (lastSync) {
    case 'updated':
    case 'unchanged':
      return 'ok';
    case 'unreachable':
      return 'offline';
    case 'rejected':
      return 'rejected';
    case null:
      return 'pending';
  }
}

/** "2026-11-22 10:00" in the kiosk's local time. */
export function formatSyncTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export interface SyncIndicator {
  tone: 'ok' | 'warn' | 'error';
  text: string;
}

export function describeSync(t: Strings, state: SyncState, fetchedAt: string | null, linkUp: boolean): SyncIndicator {
  if (!linkUp) return { tone: 'warn', text: t.syncReconnecting };
  if (!fetchedAt) return state === 'pending' ? { tone: 'warn', text: t.syncPending } : { tone: 'error', text: t.syncNone };
  const at = formatSyncTime(fetchedAt);
  switch (state) {
    case 'ok':
      return { tone: 'ok', text: t.syncOk(at) };
    case 'pending':
      return { tone: 'ok', text: t.syncCached(at) };
    case 'offline':
      return { tone: 'warn', text: t.syncOffline(at) };
    case 'rejected':
      return { tone: 'warn', text: t.syncRejected(at) };
  }
}
