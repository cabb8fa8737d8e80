// Events the backend streams to the renderer (over SSE at /api/events).
// Each new producer adds its variant here so the renderer's switch stays exhaustive.
export type KioskEvent =
  | { type: 'hello'; bootId: string }
  | { type: 'catalog.updated'; version: string }
  | { type: 'catalog.sync'; state: 'ok' | 'offline' | 'rejected'; message?: string };

export type KioskEventType = KioskEvent['type'];
