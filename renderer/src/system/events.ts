// Server-sent events from the backend (/api/events). The payload is checked before use:
// the stream is a boundary, and a newer backend may send variants this build does not know.
import type { KioskEvent, KioskEventType } from '../../../common/events';

export const KNOWN_EVENT_TYPES = ['hello', 'catalog.updated', 'catalog.sync'] as const satisfies readonly KioskEventType[];

export function parseKioskEvent(data: string): KioskEvent | null {
  let v: unknown;
  try {
    v = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  switch (o.type) {
    case 'hello':
      return typeof o.bootId === 'string' ? { type: 'hello', bootId: o.bootId } : null;
    case 'catalog.updated':
      return typeof o.version === 'string' ? { type: 'catalog.updated', version: o.version } : null;
    case 'catalog.sync':
      return o.state === 'ok' || o.state === 'offline' || o.state === 'rejected'
        ? { type: 'catalog.sync', state: o.state, message: typeof o.message === 'string' ? o.message : undefined }
        : null;
    default:
      return null;
  }
}
