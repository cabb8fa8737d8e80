// The renderer's view of the backend's API, written out as plain types with nothing of the
// backend behind them (common/api/kiosk-api-types.ts). The renderer's layer check has no Node
// types (renderer/tsconfig.layer.json, `types: []`), but `ApiType` is the backend's source: each
// route's module drags its imports — better-sqlite3, node:fs, devices — into whatever compiles
// it. So the compiler expands every route's input and answer here, and the renderer compiles
// against the expansion. `npm run api-types` writes it; scripts/api-types.test.ts fails while the
// file differs from what the routes say.
import fs from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import ts from 'typescript';

const root = path.resolve(import.meta.dirname, '..');
export const API_TYPES_FILE = path.join(root, 'common', 'api', 'kiosk-api-types.ts');

/** What is written out: the name it gets, where it is declared, and how to reach the type. */
const EXPORTS: { name: string; file: string; alias: string; doc: string; pick?: (t: ts.Type, c: ts.TypeChecker) => ts.Type }[] = [
  {
    name: 'KioskApiSchema',
    file: 'main/backend/app.ts',
    alias: 'ApiType',
    doc: "Every route of `/api`: path → method → input, answer, format and status (Hono's schema of `createApiRoutes`).",
    // Hono<Env, Schema, BasePath>: the schema is the second type argument
    pick: (t, c) => c.getTypeArguments(t as ts.TypeReference)[1]!,
  },
  { name: 'RefusalCodes', file: 'main/backend/http/refusals.ts', alias: 'RefusalCodeTable', doc: 'The refusal codes of each area (http/refusals.ts), for the renderer’s string table.' },
  { name: 'CaseProgressView', file: 'main/backend/followup/progress-view.ts', alias: 'CaseProgressView', doc: 'One case as 办件进度查询 shows it.' },
  { name: 'ProgressAnswer', file: 'main/backend/followup/progress-view.ts', alias: 'ProgressAnswer', doc: 'A progress lookup’s answer.' },
  { name: 'NotPrintable', file: 'main/backend/followup/progress-view.ts', alias: 'NotPrintable', doc: 'Why a document cannot be printed now (a code the renderer words).' },
];

const MAX_DEPTH = 40;

function printer(program: ts.Program) {
  const checker = program.getTypeChecker();
  // ArrayBuffer, Uint8Array, Blob…: the standard library's own, by name (both sides have the lib)
  const fromLib = (t: ts.Type) => {
    const decl = (t.aliasSymbol ?? t.getSymbol())?.declarations?.[0];
    return decl !== undefined && program.isSourceFileDefaultLibrary(decl.getSourceFile());
  };
  // A recursive type (a JSON value of any shape) is written once, as a named alias.
  const onPath = new Set<ts.Type>();
  const named = new Map<ts.Type, string>();
  const written = new Set<ts.Type>();
  const aliases: string[] = [];
  const print = (t: ts.Type, depth: number, at: string): string => {
    const composite = t.isUnion() || t.isIntersection() || (t.flags & ts.TypeFlags.Object) !== 0;
    if (!composite) return printOne(t, depth, at);
    if (onPath.has(t) || written.has(t)) {
      if (!named.has(t)) named.set(t, `Recursive${named.size + 1}`);
      return named.get(t)!;
    }
    onPath.add(t);
    const body = printOne(t, depth, at);
    onPath.delete(t);
    const name = named.get(t);
    if (!name) return body;
    written.add(t);
    aliases.push(`type ${name} = ${body};`);
    return name;
  };
  const printOne = (t: ts.Type, depth: number, at: string): string => {
    if (depth > MAX_DEPTH) throw new Error(`type too deep to write out at ${at}: ${checker.typeToString(t)}`);
    const f = t.flags;
    if (f & ts.TypeFlags.Any) return 'any';
    if (f & ts.TypeFlags.Unknown) return 'unknown';
    if (f & ts.TypeFlags.Never) return 'never';
    if (f & ts.TypeFlags.Null) return 'null';
    if (f & ts.TypeFlags.Undefined) return 'undefined';
    if (f & ts.TypeFlags.Void) return 'void';
    if (f & ts.TypeFlags.String) return 'string';
    if (f & ts.TypeFlags.Number) return 'number';
    if (f & ts.TypeFlags.Boolean) return 'boolean';
    if (f & ts.TypeFlags.BigInt) return 'bigint';
    if (f & (ts.TypeFlags.ESSymbol | ts.TypeFlags.UniqueESSymbol)) return 'symbol';
    if (f & ts.TypeFlags.NonPrimitive) return 'object';
    if (f & ts.TypeFlags.BooleanLiteral) return checker.typeToString(t);
    if (t.isStringLiteral()) return JSON.stringify(t.value);
    if (t.isNumberLiteral()) return String(t.value);
    if (f & ts.TypeFlags.TemplateLiteral) return checker.typeToString(t);
    if (t.isUnion()) {
      const members = t.types.map((m) => print(m, depth + 1, at));
      // `true | false` reads better as it was written
      const bool = members.includes('true') && members.includes('false');
      return [...new Set(bool ? ['boolean', ...members.filter((m) => m !== 'true' && m !== 'false')] : members)].join(' | ');
    }
    if (t.isIntersection()) return t.types.map((m) => wrap(m, print(m, depth + 1, at))).join(' & ');
    if (checker.isTupleType(t))
      return `[${checker
        .getTypeArguments(t as ts.TypeReference)
        .map((a) => print(a, depth + 1, at))
        .join(', ')}]`;
    if (checker.isArrayType(t)) {
      const element = checker.getTypeArguments(t as ts.TypeReference)[0]!;
      return `${wrap(element, print(element, depth + 1, `${at}[]`))}[]`;
    }
    if (f & ts.TypeFlags.Object) {
      if (fromLib(t)) return checker.typeToString(t);
      // Hono's JSON value of an `unknown` answer names a bare function type; any other function is a mistake
      if (t.getCallSignatures().length) {
        const text = checker.typeToString(t);
        if (checker.getPropertiesOfType(t).length === 0 && /^\(\.\.\.args: unknown\[\]\) => unknown$/.test(text)) return `(${text})`;
        throw new Error(`a function in the API's types at ${at}: ${text}`);
      }
      const parts: string[] = [];
      for (const info of checker.getIndexInfosOfType(t)) parts.push(`[key: ${print(info.keyType, depth + 1, at)}]: ${print(info.type, depth + 1, `${at}[key]`)}`);
      for (const p of checker.getPropertiesOfType(t)) {
        const optional = (p.flags & ts.SymbolFlags.Optional) !== 0;
        let pt = checker.getTypeOfSymbol(p);
        // an optional property's type carries `undefined` (exactOptionalPropertyTypes is off)
        if (optional && pt.isUnion()) pt = checker.getNonNullableType(pt) === pt ? pt : removeUndefined(checker, pt);
        parts.push(`${propertyName(p.name)}${optional ? '?' : ''}: ${print(pt, depth + 1, `${at}.${p.name}`)}`);
      }
      return parts.length ? `{ ${parts.join('; ')} }` : '{}';
    }
    throw new Error(`cannot write out ${checker.typeToString(t)} at ${at} (flags ${f})`);
  };
  return { write: (t: ts.Type, name: string) => print(t, 0, name), aliases };
}

function removeUndefined(checker: ts.TypeChecker, t: ts.UnionType): ts.Type {
  const kept = t.types.filter((m) => !(m.flags & ts.TypeFlags.Undefined));
  return kept.length === t.types.length ? t : kept.length === 1 ? kept[0]! : (checker as unknown as { getUnionType(types: ts.Type[]): ts.Type }).getUnionType(kept);
}

/** A union or intersection inside an array or an intersection needs its parentheses. */
const wrap = (t: ts.Type, s: string) => (t.isUnionOrIntersection() && !/^Recursive\d+$/.test(s) ? `(${s})` : s);
const propertyName = (n: string) => (/^[A-Za-z_$][\w$]*$/.test(n) ? n : JSON.stringify(n));

/** The file as the routes say it should be (Prettier-formatted, like the whole tree). */
export async function apiTypesSource(): Promise<string> {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
  const files = [...new Set(EXPORTS.map((e) => path.join(root, e.file)))];
  const program = ts.createProgram(files, config.options);
  const checker = program.getTypeChecker();
  const { write, aliases } = printer(program);
  const out = [
    '// GENERATED by `npm run api-types` (scripts/api-types.ts) from the backend routes: do not edit.',
    '// The API as the renderer sees it, with no backend module behind it, so the renderer type-checks',
    '// without Node types; scripts/api-types.test.ts fails when this file is out of date.',
    '',
  ];
  for (const e of EXPORTS) {
    const source = program.getSourceFile(path.join(root, e.file));
    const alias = source?.statements.find((s): s is ts.TypeAliasDeclaration | ts.InterfaceDeclaration => (ts.isTypeAliasDeclaration(s) || ts.isInterfaceDeclaration(s)) && s.name.text === e.alias);
    if (!alias) throw new Error(`${e.file} declares no ${e.alias}`);
    let t = checker.getTypeAtLocation(alias.name);
    if (e.pick) t = e.pick(t, checker);
    out.push(`/** ${e.doc} */`, `export type ${e.name} = ${write(t, e.name)};`, '');
  }
  if (aliases.length) out.push('// recursive types the answers above refer to', ...aliases, '');
  return prettier.format(out.join('\n'), { ...(await prettier.resolveConfig(API_TYPES_FILE)), filepath: API_TYPES_FILE });
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  fs.mkdirSync(path.dirname(API_TYPES_FILE), { recursive: true });
  fs.writeFileSync(API_TYPES_FILE, await apiTypesSource());
  console.log(`wrote ${path.relative(root, API_TYPES_FILE)}`);
}
