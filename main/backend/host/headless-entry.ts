// The production headless host's entry (`node dist/main/headless.mjs`): turns on the code cache
// (code-cache.ts) before loading the host itself, which is bundled as its own file next to this
// one (dist/main/headless-app.mjs), so that file's compiled code comes from the cache.
import { defaultPaths } from '../paths';
import { enableCodeCache } from './code-cache';
import type * as Host from './headless';

/** The bundled host's file name, next to this entry's (scripts/build.mjs writes both). */
const HOST_BUNDLE = 'headless-app.mjs';

const codeCache = enableCodeCache(defaultPaths().dataDir);
// A computed specifier: esbuild leaves it to Node instead of bundling the host into this file.
const host = (await import(new URL(`./${HOST_BUNDLE}`, import.meta.url).href)) as typeof Host;
host.runHeadlessCli(codeCache);
