// Which build this code runs in. The production bundles (scripts/build.mjs: the Electron main
// process, the headless host and the renderer) define __KIOSK_PRODUCTION_BUILD__ as true, so
// esbuild and Vite fold every test of it to a constant and drop the development-only branches
// together with what they import (reference central, demo staff, device simulators, raw queue
// API, simulator panel). Unbundled runs (tsx, vitest) and development bundles leave it undefined.
//
// A branch that must disappear from the bundle has to test the identifier itself, written as
// `typeof __KIOSK_PRODUCTION_BUILD__ === 'boolean' && __KIOSK_PRODUCTION_BUILD__`: bundlers do not
// fold a constant imported from another module. Everything else reads PRODUCTION_BUILD.
// Being baked in at build time, it cannot be switched off by an environment variable or a
// config file on a terminal.
declare global {
  const __KIOSK_PRODUCTION_BUILD__: boolean | undefined;
}

export const PRODUCTION_BUILD: boolean = typeof __KIOSK_PRODUCTION_BUILD__ === 'boolean' && __KIOSK_PRODUCTION_BUILD__;
