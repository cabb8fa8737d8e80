#!/usr/bin/env node
// `npm run unused-exports`: dead exports — a function, class or constant that nothing imports (tests
// count as users) and its own file does not use either. (Types, and values that their own file
// uses, are exported to document a module's surface; they are not reported.) Entry points — tests, e2e, bench, scripts, configs and files nothing imports
// (the programs themselves) — are not checked. Uses the TypeScript 6 JS API (package `typescript`).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cfg = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => console.error(d.messageText) });
const program = ts.createProgram(cfg.fileNames, cfg.options);
const checker = program.getTypeChecker();
const own = program.getSourceFiles().filter((f) => !f.isDeclarationFile && !f.fileName.includes('/node_modules/'));
const rel = (f) => path.relative(root, f);
const ENTRY = /(\.test\.tsx?|\.e2e\.tsx?|\.bench\.ts|\.config\.ts)$|^(e2e|bench|scripts|build)\//;

const used = new Set(); // `${file}#${name}`
const imported = new Set(); // files some other file imports

function markSymbol(sym) {
  for (let s = sym, n = 0; s && n < 10; n++) {
    for (const d of s.declarations ?? []) used.add(`${d.getSourceFile().fileName}#${s.escapedName}`);
    if (!(s.flags & ts.SymbolFlags.Alias)) break;
    s = checker.getImmediateAliasedSymbol(s);
  }
}
function markModule(moduleSpecifier) {
  const m = checker.getSymbolAtLocation(moduleSpecifier);
  if (!m) return;
  for (const d of m.declarations ?? []) imported.add(d.getSourceFile().fileName);
  return m;
}
function markAll(moduleSpecifier) {
  const m = markModule(moduleSpecifier);
  if (m) for (const e of checker.getExportsOfModule(m)) markSymbol(e);
}

for (const sf of own) {
  const visit = (node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      markModule(node.moduleSpecifier);
      const c = node.importClause;
      if (c?.name) markSymbol(checker.getSymbolAtLocation(c.name));
      if (c?.namedBindings && ts.isNamespaceImport(c.namedBindings)) markAll(node.moduleSpecifier);
      if (c?.namedBindings && ts.isNamedImports(c.namedBindings)) for (const e of c.namedBindings.elements) markSymbol(checker.getSymbolAtLocation(e.name));
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      if (!node.exportClause || ts.isNamespaceExport(node.exportClause)) markAll(node.moduleSpecifier);
      else {
        markModule(node.moduleSpecifier);
        for (const e of node.exportClause.elements) markSymbol(checker.getSymbolAtLocation(e.name));
      }
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      markAll(node.arguments[0]);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      markAll(node.argument.literal);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
}

function usedInFile(sf, sym) {
  let uses = 0;
  const visit = (node) => {
    if (ts.isIdentifier(node) && node.escapedText === sym.escapedName && !(sym.declarations ?? []).some((d) => d.name === node)) uses++;
    if (!uses) ts.forEachChild(node, visit);
  };
  visit(sf);
  return uses > 0;
}

// Kept on purpose, with why. Issue 11 item 7 makes this the one set of case-status labels.
const KEEP = new Set(['common/central-api.ts#CASE_STATUS_LABELS']);

const unused = [];
for (const sf of own) {
  if (ENTRY.test(rel(sf.fileName)) || !imported.has(sf.fileName)) continue;
  const m = checker.getSymbolAtLocation(sf);
  if (!m) continue;
  for (const e of checker.getExportsOfModule(m)) {
    if (e.flags & ts.SymbolFlags.Alias) continue; // a re-export: its origin is checked where it is declared
    if (!(e.declarations ?? []).some((d) => d.getSourceFile() === sf)) continue;
    if (!(e.flags & ts.SymbolFlags.Value) || e.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias)) continue;
    if (KEEP.has(`${rel(sf.fileName)}#${e.escapedName}`)) continue;
    if (!used.has(`${sf.fileName}#${e.escapedName}`) && !usedInFile(sf, e)) {
      const d = e.declarations[0];
      const { line } = sf.getLineAndCharacterOfPosition(d.getStart());
      unused.push(`${rel(sf.fileName)}:${line + 1}  ${e.escapedName}`);
    }
  }
}
unused.sort();
for (const u of unused) console.log(u);
console.log(unused.length ? `\n${unused.length} unused exports` : 'no unused exports');
process.exit(unused.length ? 1 : 0);
