// V8's code cache for the headless host's bundle (Node's module compile cache). Compiling the
// 2.7 MB bundle is a third of a cold start on a terminal's CPU; with the cache, a start after the
// first reads the compiled code instead. The cache lives in the kiosk's own data dir (0700, the
// kiosk's user), so only what can already change the kiosk's data can change it, and Node
// refuses an entry whose source hash, V8 version or flags do not match and compiles afresh
// (SECURITY.md, "Code cache"). Electron's shell does not use this: it has its own loader.
import fs from 'node:fs';
import module from 'node:module';
import path from 'node:path';

export type CodeCacheState = { kind: 'enabled'; directory: string } | { kind: 'failed'; message: string } | { kind: 'unavailable' };

/** Where the cache lives in a data dir. */
export const codeCacheDir = (dataDir: string) => path.join(dataDir, 'code-cache');

/** Turns the compile cache on for every module loaded from now on; never throws (a start without the cache is only slower). */
export function enableCodeCache(dataDir: string): CodeCacheState {
  if (typeof module.enableCompileCache !== 'function') return { kind: 'unavailable' };
  const directory = codeCacheDir(dataDir);
  try {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    fs.mkdirSync(directory, { recursive: true, mode: 0o700 });
  } catch (e) {
    return { kind: 'failed', message: (e as Error).message };
  }
  const r = module.enableCompileCache(directory);
  const { ENABLED, ALREADY_ENABLED, DISABLED } = module.constants.compileCacheStatus;
  if (r.status === ENABLED || r.status === ALREADY_ENABLED) return { kind: 'enabled', directory: r.directory ?? directory };
  // NODE_DISABLE_COMPILE_CACHE: someone turned it off on purpose
  if (r.status === DISABLED) return { kind: 'unavailable' };
  return { kind: 'failed', message: r.message ?? `status ${r.status}` };
}

/** Writes what has been compiled so far (called once the kiosk is ready, so the cache holds boot's functions too). */
export function saveCodeCache(): void {
  module.flushCompileCache();
}
