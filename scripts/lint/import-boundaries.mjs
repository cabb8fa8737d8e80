// ESLint rule `kiosk/import-boundaries`: each top-level README's "May import", checked on every
// import, export-from and import() (type-only ones too, unless the table says types are fine).
// The table is the one place these rules live; a README that changes its "May import" changes it.
import { builtinModules } from 'node:module';
import path from 'node:path';

const NODE = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const isNode = (spec) => NODE.has(spec) || spec.startsWith('node:');
const TEST = /(\.test\.tsx?$|\.e2e\.tsx?$|\/test-support\/)/;

/**
 * Per layer: the project layers it may import (runtime and types), extra ones its tests may use,
 * whether it may use Node built-ins, and files of other layers it may import as types only.
 * Layers not listed here (e2e, bench, scripts, build) may import anything.
 */
export const LAYERS = {
  // common's tests take their fixtures (sample cards and catalog, the outbox's text checks) from below
  common: { may: ['common'], node: false, nodeInTests: true, tests: ['devices/id-card/sample-cards.ts', 'central/catalog/sample-catalog.ts', 'offline-queue/outbox.ts'] },
  // printed documents: pure layout over common/; their tests print through the real drivers
  documents: {
    may: ['common', 'documents'],
    node: false,
    nodeInTests: true,
    tests: [
      'devices/receipt/escpos-decoder.ts',
      'devices/receipt/escpos-encoder.ts',
      'devices/a4/pdf-builder.ts',
      'devices/test-support',
      'central/catalog/sample-catalog.ts',
      'central/issued-pdf.ts',
    ],
  },
  // drivers render the document models (documents/model/), never the documents themselves
  devices: { may: ['common', 'devices', 'documents/model'], node: true },
  // only test-support/ and tests start a reference central; the host process reuses the reaper
  'offline-queue': { may: ['common', 'offline-queue'], node: true, tests: ['central', 'devices/core/child-processes.ts'] },
  // central draws its own issued documents (notices, certificates) from documents/
  central: { may: ['common', 'central', 'documents'], node: true, tests: ['offline-queue/test-support', 'scripts/test-support'] },
  'main/backend': { may: ['common', 'documents', 'devices', 'offline-queue', 'central', 'main/backend'], node: true, tests: ['scripts/test-support'] },
  'main/shell': { may: ['main/shell', 'main/backend', 'common'], node: true, electron: true, tests: ['scripts/test-support', 'scripts/build.mjs'] },
  renderer: {
    may: ['renderer', 'common'],
    node: false,
    tests: ['devices/fakes/fake-events.ts'],
    nodeInTests: true,
  },
};

const layerOf = (rel) => {
  const [a, b] = rel.split('/');
  if (a === 'main') return `main/${b}`;
  return a in LAYERS ? a : null;
};
const within = (rel, prefix) => rel === prefix || rel.startsWith(`${prefix}/`) || rel.replace(/\.(tsx?|mjs|js)$/, '') === prefix.replace(/\.(tsx?|mjs|js)$/, '');

/** Why importing `spec` from file `rel` (repo-relative, posix) breaks the table, or null. */
export function boundaryViolation(rel, spec, typeOnly) {
  const layer = layerOf(rel);
  if (!layer) return null;
  const rules = LAYERS[layer];
  const test = TEST.test(rel) || rel.endsWith('.config.ts');
  if (spec === 'electron' && !typeOnly && !rules.electron) return `${layer} may not import electron (only main/shell does)`;
  if (isNode(spec) && !rules.node && !(test && rules.nodeInTests) && !typeOnly) return `${layer} may not use Node built-ins (${spec})`;
  if (!spec.startsWith('.')) return null;
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(rel), spec));
  const targetLayer = target.split('/')[0] === 'main' ? target.split('/').slice(0, 2).join('/') : target.split('/')[0];
  if (rules.may.some((p) => within(target, p))) return null;
  if (typeOnly && rules.types?.some((p) => within(target, p))) return null;
  if (test && rules.tests?.some((p) => within(target, p))) return null;
  return `${layer} may not import ${targetLayer}${rules.types ? ' (types: ' + rules.types.join(', ') + ' only)' : ''}`;
}

const rel = (context) => path.relative(context.cwd, context.filename).split(path.sep).join('/');

export const importBoundaries = {
  meta: { type: 'problem', docs: { description: 'each layer imports only what its README\'s "May import" allows' }, schema: [], messages: { boundary: '{{why}}: {{spec}}' } },
  create(context) {
    const check = (node, source, typeOnly) => {
      if (!source || typeof source.value !== 'string') return;
      const why = boundaryViolation(rel(context), source.value, typeOnly);
      if (why) context.report({ node, messageId: 'boundary', data: { why, spec: source.value } });
    };
    const allTypes = (node) => node.importKind === 'type' || (node.specifiers?.length > 0 && node.specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type'));
    return {
      ImportDeclaration: (node) => check(node, node.source, allTypes(node)),
      ExportNamedDeclaration: (node) => check(node, node.source, node.exportKind === 'type' || allTypes(node)),
      ExportAllDeclaration: (node) => check(node, node.source, node.exportKind === 'type'),
      ImportExpression: (node) => check(node, node.source, false),
      TSImportType: (node) => check(node, node.source ?? node.argument?.literal, true),
    };
  },
};

export default { rules: { 'import-boundaries': importBoundaries } };
