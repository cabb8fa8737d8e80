// A global fetch installed on purpose to watch the kiosk's calls to central (the kiosk tests'
// contract check) carries this mark; the kiosk's sync then sends through it. Any other global
// fetch is ignored: libraries replace it too (@hono/node-server wraps it when it loads, after
// the sync transport in the backend's module graph), and the kiosk must stay on its node:http
// transport (offline-queue/sync/transport.ts) whatever else the process loads.
export const OBSERVED_FETCH: unique symbol = Symbol.for('gov-kiosk.observed-fetch');
