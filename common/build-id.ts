// Which bundle this code runs in: the SHA-256 of the bundle's own text, written into it by
// scripts/build.mjs after esbuild made it (a placeholder of the same length is defined, the
// bundle hashed, the placeholder replaced). Any change to any bundled code, schemas included,
// gives a new id; unbundled runs (tsx, vitest) have none. Used where something computed by one
// build's code may be reused at the next start only by the same code (the config's validated
// copy, main/backend/config/validated-copy.ts).
declare global {
  const __KIOSK_BUILD_ID__: string | undefined;
}

export const BUILD_ID: string | null = typeof __KIOSK_BUILD_ID__ === 'string' && /^[0-9a-f]{64}$/.test(__KIOSK_BUILD_ID__) ? __KIOSK_BUILD_ID__ : null;
