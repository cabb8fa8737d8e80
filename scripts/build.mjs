#!/usr/bin/env node
// Builds: the renderer with Vite; the Electron main process (shell + backend) and the headless
// host (the same backend on loopback for terminals that show it in Chromium) with esbuild, each
// into one ESM file. Native modules stay external and are rebuilt for Electron's ABI by
// electron-builder at packaging time.
//
// `npm run build` makes the production bundles: __KIOSK_PRODUCTION_BUILD__ is defined true
// (common/build-flavour.ts), which drops the reference central, demo staff, fault injection,
// device simulators, the raw queue API and the simulator panel, and makes boot refuse a config
// that asks for them. `--dev` (used by `npm start`) keeps them.
//
// `--release` (used by `npm run dist`) is a build that will be packaged: it bakes the province's
// pinned keys into the bundles (`--pinned-keys FILE` or $KIOSK_PINNED_KEYS, checked by
// pinned-keys-file.mjs) and refuses to run without them unless `--dev-placeholder-keys`.
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire, isBuiltin } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { pinnedKeysForPackaging } from './pinned-keys-file.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const NATIVE_EXTERNALS = ['electron', 'better-sqlite3', 'serialport', '@serialport/*', 'node-hid', 'pdfkit', 'fontkit'];

/** esbuild / Vite `define` for a build flavour. */
export function flavourDefine(production) {
  return production ? { __KIOSK_PRODUCTION_BUILD__: 'true' } : {};
}

/** Marks a production renderer's index.html, so `npm start` knows to rebuild it with the simulator panel. */
export const PRODUCTION_HTML_MARK = '<meta name="kiosk-build" content="production">';

/** esbuild `define` of the pinned keys a packaged build trusts (main/backend/updates/pinned-keys.ts). */
function keysDefine(pinnedKeys) {
  return pinnedKeys ? { __KIOSK_KEYS_PINNED__: 'true', __KIOSK_PINNED_KEYS__: JSON.stringify(pinnedKeys) } : {};
}

/** Node's builtins and the native packages (not Electron, which its own loader serves) are loaded by require(), not import. */
const requiredAtRuntime = (specifier) =>
  specifier !== 'electron' && (isBuiltin(specifier) || NATIVE_EXTERNALS.some((e) => (e.endsWith('/*') ? specifier.startsWith(e.slice(0, -1)) : specifier === e || specifier.startsWith(`${e}/`))));

/**
 * Static imports of builtins and native packages become require() calls (dynamic import() stays as it is).
 * Why: to import a builtin, Node builds its ESM facade by reading every export, which runs the lazy
 * getters a require() never touches — node:http's WebSocket/MessageEvent getters compile undici
 * (~40 ms of a start), node:fs's ReadStream getter loads the stream machinery — and an imported
 * CommonJS package is first scanned by cjs-module-lexer. A --cpu-prof of the production headless
 * host's restart had these at ~90 ms of ~650 ms (bench/README.md, foundation.bench.ts).
 */
const requireExternals = {
  name: 'require-externals',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      if (args.namespace === 'require-external') return { path: args.path, external: true };
      if (args.kind === 'import-statement' && requiredAtRuntime(args.path)) return { path: args.path, namespace: 'require-external' };
      return undefined;
    });
    b.onLoad({ filter: /.*/, namespace: 'require-external' }, async (args) => {
      if (Object.hasOwn(LAZY_NATIVE_DEPENDENCIES, args.path)) return { contents: lazyStandIn(args.path, LAZY_NATIVE_DEPENDENCIES[args.path]), loader: 'js' };
      // A builtin's export names are read from this node, which the bundle's node matches (node22).
      if (LAZY_BUILTINS.includes(args.path.replace(/^node:/, '')))
        return {
          contents: lazyStandIn(
            args.path,
            Object.keys(await import(args.path)).filter((n) => n !== 'default'),
          ),
          loader: 'js',
        };
      if (isBuiltin(args.path)) return { contents: builtinStandIn(args.path), loader: 'js' };
      return { contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' };
    });
  },
};

/**
 * Pure-JS packages no start uses: the catalog search's pinyin dictionary (built once a catalog is
 * cached), receipt QR codes, the local metrics registry (only with --metrics-port), device text
 * encodings; and the pure-JS ciphers a terminal on node:crypto's fast path does not run at start
 * (noble's AES-GCM, whose module builds its tables at load; the 国密 suite's sm-crypto-v2 and its
 * GHASH, which a terminal on the sm suite loads at its first signed request). Still bundled (a
 * release ships only the native packages' node_modules), but evaluated at their first use
 * instead of when the bundle loads.
 */
export const LAZY_DEPENDENCIES = ['pinyin-pro', 'qrcode', 'prom-client', 'iconv-lite', '@noble/ciphers/aes', '@noble/ciphers/_polyval', 'sm-crypto-v2'];

/**
 * Native packages no start without their devices uses, with their export names: serialport (its
 * require loads @serialport/bindings-cpp's native binding and every platform's code, ~30 ms of a
 * production restart's CPU: --cpu-prof, bench/README.md, foundation.bench.ts) is needed once a
 * serial device opens or a technician lists ports. The names are listed, not read from the
 * package: a build must not load a native package, which may be built for Electron's ABI.
 * scripts/lazy-dependencies.test.ts holds the list to the installed package's exports.
 */
export const LAZY_NATIVE_DEPENDENCIES = {
  serialport: [
    'ByteLengthParser',
    'CCTalkParser',
    'DelimiterParser',
    'InterByteTimeoutParser',
    'PacketLengthParser',
    'ReadlineParser',
    'ReadyParser',
    'RegexParser',
    'SlipDecoder',
    'SlipEncoder',
    'SpacePacketParser',
    'SerialPortMock',
    'SerialPort',
  ],
};

const requireHere = createRequire(import.meta.url);

/**
 * An ES module standing for a builtin, require()d once: its default export is the builtin and
 * each plain data property is a named export, read when the bundle loads. Why not a CommonJS
 * stand-in: esbuild turns each import of a CommonJS module into a copy with one getter per
 * property, made once per importing module — 130 copies of node:fs, path, crypto... at every
 * start (`__copyProps`, ~5.5 ms of a restart's CPU in --cpu-prof, bench/README.md,
 * foundation.bench.ts). Accessor properties (node:fs's `promises`, node:http's `WebSocket`) are
 * not exported by name, so reading them stays lazy; a named import of one fails the build.
 */
function builtinStandIn(specifier) {
  const descriptors = Object.getOwnPropertyDescriptors(requireHere(specifier));
  const names = Object.keys(descriptors).filter((n) => n !== 'default' && 'value' in descriptors[n] && isBindingName(n));
  return `const m = require(${JSON.stringify(specifier)});
export default m;
export const { ${names.join(', ')} } = m;`;
}

/** Whether `name` can be declared as a const (not a reserved word, a valid identifier). */
function isBindingName(name) {
  try {
    new Function(`const { ${name} } = {};`);
    return true;
  } catch {
    return false;
  }
}

/**
 * Builtins that no restart up to "kiosk ready" uses, so requiring them when the bundle loads only
 * cost time (--cpu-prof of the production host's restart, bench/README.md, foundation.bench.ts):
 * child_process (device helpers, updates, the OS keystore's secret-tool), https (a central on
 * https), zlib (photos as PNG), fs/promises, worker_threads (vendor SDK calls). Each is required
 * at the first use of one of its exports instead (lazyStandIn).
 */
export const LAZY_BUILTINS = ['child_process', 'https', 'zlib', 'fs/promises', 'worker_threads'];

/** A CommonJS stand-in with one getter per export name, which require()s `pkg` when one is first read. */
function lazyStandIn(pkg, names) {
  return `let loaded;
const load = () => (loaded ??= require(${JSON.stringify(pkg)}));
for (const name of ${JSON.stringify(names)}) Object.defineProperty(module.exports, name, { enumerable: true, get: () => load()[name] });`;
}

/**
 * An import of a LAZY_DEPENDENCIES package gets a stand-in (lazyStandIn), whose require() esbuild
 * then wraps to run at that first require. The export names are the package's own, read here at
 * build time.
 */
const lazyDependencies = {
  name: 'lazy-dependencies',
  setup(b) {
    const filter = new RegExp(`^(${LAZY_DEPENDENCIES.map((d) => d.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
    b.onResolve({ filter }, (args) => (args.kind === 'import-statement' ? { path: args.path, namespace: 'lazy-dependency' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'lazy-dependency' }, async (args) => {
      const ns = await import(args.path);
      const names = [...new Set([...Object.keys(ns), ...Object.keys(ns.default ?? {})])].filter((n) => n !== 'default' && n !== '__esModule');
      return { contents: lazyStandIn(args.path, names), loader: 'js', resolveDir: root };
    });
  },
};

/**
 * Stands for the bundle's build id (common/build-id.ts) while esbuild builds it: 64 characters
 * like the SHA-256 in hex that replaces it, so no offset in the file or its source map moves.
 */
const BUILD_ID_PLACEHOLDER = 'kiosk-build-id-'.padEnd(64, '_');

/**
 * The bundle as pure ASCII: esbuild escapes strings and identifiers but leaves the comments it
 * keeps and regular expression literals (pinyin-pro's tone marks) as they are, and ~2,300 such
 * bytes in 2.7 MB made Node decode the whole file into a two-byte string at every start (~4 ms
 * CPU of a restart in a same-run A/B, bench/README.md, foundation.bench.ts). A \uXXXX escape of
 * each UTF-16 unit means the same in a comment, a string, a template's cooked value and a regular
 * expression (with the u flag, a pair of escaped surrogates is one code point); a non-ASCII
 * character after a backslash would not, so the build refuses one.
 */
function asciiOnly(text, outfile) {
  return text.replace(/[^\x00-\x7f]/g, (c, at) => {
    if (text[at - 1] === '\\') throw new Error(`${outfile}: a non-ASCII character escaped by a backslash at ${at}; the bundle cannot be made ASCII-only`);
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** Makes the bundle ASCII-only, then writes the SHA-256 of its text (with the placeholder) in place of the placeholder. */
async function finishBundle(outfile) {
  const text = asciiOnly(await readFile(outfile, 'utf8'), outfile);
  const id = createHash('sha256').update(text).digest('hex');
  await writeFile(outfile, text.replaceAll(BUILD_ID_PLACEHOLDER, id));
}

/** One Node entry as the production build bundles it (also the benches' child processes, bench/bundle.ts). */
export async function bundleNode(entry, outfile, production, pinnedKeys = null) {
  const result = await build({
    entryPoints: [path.join(root, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    external: NATIVE_EXTERNALS,
    define: { ...flavourDefine(production), ...keysDefine(pinnedKeys), __KIOSK_BUILD_ID__: JSON.stringify(BUILD_ID_PLACEHOLDER) },
    // Folded development branches disappear from the text too, not only their imports.
    minifySyntax: production,
    // ESM output still meets CommonJS dependencies that call require().
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    sourcemap: 'linked',
    logLevel: 'warning',
    metafile: true,
    plugins: [requireExternals, lazyDependencies],
  });
  await finishBundle(outfile);
  return result;
}

/** The Electron main process: production unless `{ production: false }`. */
export async function buildMain(outfile = path.join(root, 'dist', 'main', 'electron-main.mjs'), { production = true, pinnedKeys = null } = {}) {
  return bundleNode('main/shell/electron-main.ts', outfile, production, pinnedKeys);
}

/** The file holding the headless host itself, next to its entry `outfile` (main/backend/host/headless-entry.ts loads it). */
export const headlessHostFile = (outfile) => path.join(path.dirname(outfile), 'headless-app.mjs');

/**
 * The headless host (`node dist/main/headless.mjs [--port N] [--open]`): production unless `{ production: false }`.
 * Two files: the small entry turns V8's code cache on, then loads the host (`headlessHostFile`), whose
 * compiled code then comes from the cache. Resolves with the host's build (its metafile and errors).
 */
export async function buildHeadless(outfile = path.join(root, 'dist', 'main', 'headless.mjs'), { production = true, pinnedKeys = null } = {}) {
  const entry = await bundleNode('main/backend/host/headless-entry.ts', outfile, production, pinnedKeys);
  const host = await bundleNode('main/backend/host/headless.ts', headlessHostFile(outfile), production, pinnedKeys);
  return { ...host, errors: [...entry.errors, ...host.errors] };
}

/** The headless host's supervisor (`node dist/main/launcher.mjs --root /opt/gov-kiosk`): starts `current/`, health-checks a new release, rolls back. */
export async function buildLauncher(outfile = path.join(root, 'dist', 'main', 'launcher.mjs')) {
  return bundleNode('main/backend/updates/bundle-launcher-cli.ts', outfile, true);
}

/** The renderer into outDir with Vite's API (vitest callers must set NODE_ENV=production first). */
export async function buildRenderer(outDir = path.join(root, 'dist', 'renderer'), { production = true } = {}) {
  const vite = await import('vite');
  return vite.build({
    configFile: path.join(root, 'renderer', 'vite.config.ts'),
    // The config imports the string tables (TypeScript, extensionless imports) for the boot screen.
    configLoader: 'runner',
    mode: 'production',
    logLevel: 'warn',
    define: flavourDefine(production),
    build: { outDir },
    plugins: production ? [{ name: 'kiosk-production-mark', transformIndexHtml: (html) => html.replace('</head>', `  ${PRODUCTION_HTML_MARK}\n  </head>`) }] : [],
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const production = !process.argv.includes('--dev');
  let pinnedKeys = null;
  if (process.argv.includes('--release')) {
    try {
      pinnedKeys = pinnedKeysForPackaging(process.argv);
    } catch (e) {
      process.stderr.write(`${e.message}\n`);
      process.exit(78);
    }
  }
  const built = [];
  if (!process.argv.includes('--main-only')) {
    process.env.NODE_ENV = 'production';
    await buildRenderer(undefined, { production });
    built.push('dist/renderer');
  }
  await buildMain(undefined, { production, pinnedKeys });
  built.push('dist/main/electron-main.mjs');
  if (production) {
    await buildHeadless(undefined, { production, pinnedKeys });
    built.push('dist/main/headless.mjs');
    await buildLauncher();
    built.push('dist/main/launcher.mjs');
  }
  process.stdout.write(`built (${production ? 'production' : 'development'}${pinnedKeys ? ', province keys pinned' : ''}): ${built.join(', ')}\n`);
}
