// No user-facing sentence is built in the backend, the queue or common code: they answer with
// codes and parameters, and the renderer's string tables (renderer/src/i18n/, zh-CN first) word
// them; printed documents own their words in documents/. A Chinese string literal in those layers
// is the sign of a sentence that slipped back. The files below still hold some, each with the
// reason and the number it holds today: a new sentence anywhere fails, and so does one more in
// a listed file (lower a count when a sentence moves out).
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const CHECKED = ['main/backend', 'offline-queue', 'common'];
const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

/** Files that still hold Chinese literals: why, and how many literals at most. */
const ALLOWED: Record<string, { max: number; why: string }> = {
  'common/device-words.ts': { max: 27, why: 'device names and status words as data, read by the renderer and central’s fleet page (the table this sweep moved them into)' },
  'common/content-digest.ts': { max: 1, why: 'wire digest format error (central’s contract, developer-facing)' },
  'main/backend/updates/signature-verifier.ts': { max: 3, why: 'the wrong-suite refusal of releases and configuration, for the technician (i16)' },
  'main/backend/updates/electron-probation.ts': { max: 7, why: 'the Electron build’s update steps for the technician panel and heartbeat (i14, merged after the sweep)' },
  // data, schema issues and words that are not the screen's
  'main/backend/journey/promised-dates.ts': { max: 1, why: 'deadline phrase printed on receipts' },
  'main/backend/journey/shared-records.ts': { max: 1, why: 'the reference 共享获取 answer (data)' },
  'main/backend/test-support/helper.ts': { max: 2, why: 'test data' },
  'offline-queue/test-support/sample-submission.ts': { max: 3, why: 'test data' },
  'common/calendar.ts': { max: 2, why: 'holiday calendar schema messages' },
  'common/case-status-labels.ts': { max: 7, why: 'case-status labels shared with central’s pages' },
  'common/catalog.ts': { max: 15, why: 'catalog schema: the service data’s own vocabulary (材料 names, channels) and authoring errors for central’s editors' },
  'common/central-api.ts': { max: 10, why: 'central wire schema messages' },
  'common/fleet-updates.ts': { max: 2, why: 'release / remote-config contract messages (updates)' },
  'common/form-data.ts': { max: 3, why: 'form value schema messages' },
  'common/form-schema.ts': { max: 5, why: 'authoring errors of a service’s form definition, for central’s editors (zod messages)' },
  'common/help-desk.ts': { max: 3, why: 'help-desk wire schema messages' },
  'common/log-events.ts': { max: 15, why: 'log catalogue descriptions for the technician' },
  'common/plausible-time.ts': { max: 3, why: 'clock plausibility messages for the technician' },
  'common/receipt-claim.ts': { max: 3, why: 'receipt QR claim errors (i16-sm3 owns the claim)' },
  'common/staff-registry.ts': { max: 5, why: 'central’s staff registry (admin API errors)' },
  'common/submission.ts': { max: 21, why: 'submission schema issues of the raw queue API and central intake (zod messages, developer-facing)' },
  'common/text-hygiene.ts': { max: 8, why: 'schema issue messages for hidden characters (zod messages)' },
  'common/working-days.ts': { max: 5, why: 'deadline phrases printed on receipts and notices (documents/ reads them)' },
  'common/journey/identity.ts': { max: 11, why: 'card types (and the 网证 credential, the 社保卡) and sexes as printed on the card (data)' },
  'common/test-support/calendars.ts': { max: 14, why: 'holiday calendars for tests (data)' },
  // the technician's, installer's and operator's words (maintenance, config, updates, keys), and the device texts of issue 11's device slice
  'main/backend/config/load.ts': { max: 4, why: 'config file errors (exit 78) for whoever installs the terminal' },
  'main/backend/config/production.ts': { max: 3, why: 'production config refusals (exit 78)' },
  'main/backend/config/remote-config.ts': { max: 11, why: 'remote configuration refusals for the technician and central' },
  'main/backend/config/schema.ts': { max: 6, why: 'config file errors for whoever installs the terminal' },
  'main/backend/host/headless.ts': { max: 4, why: 'the start line on the console (自助终端已启动 / kiosk ready)' },
  'main/backend/host/loopback-guard.ts': { max: 2, why: 'loopback refusals outside the kiosk window' },
  'main/backend/maintenance/hash-pin-cli.ts': { max: 1, why: 'technician-pin command output on the console (pin.ts answers a code)' },
  'main/backend/routes/queue.ts': { max: 1, why: 'queue panel refusal for the technician' },
  'main/backend/routes/usage.ts': { max: 1, why: 'usage export refusal for the technician' },
  'main/backend/tools/devices-cli.ts': { max: 3, why: 'technician CLI output' },
  'main/backend/updates/bundle-launcher.ts': { max: 6, why: 'update launcher messages for the technician' },
  'main/backend/updates/bundle-swap.ts': { max: 3, why: 'update swap messages' },
  'main/backend/updates/fleet-services.ts': { max: 1, why: 'update messages' },
  'main/backend/updates/release-check.ts': { max: 5, why: 'release check refusals' },
  'main/backend/updates/resumable-download.ts': { max: 2, why: 'download errors' },
  'main/backend/updates/updater.ts': { max: 6, why: 'update refusals for the technician' },
  'offline-queue/crypto/key-provider.ts': { max: 3, why: 'key errors for the technician' },
  'offline-queue/crypto/keystore-choice.ts': { max: 9, why: 'keystore choice messages for the technician' },
  'offline-queue/crypto/sealer.ts': { max: 3, why: 'key errors for the technician' },
  'offline-queue/crypto/terminal-secret.ts': { max: 2, why: 'key errors for the technician' },
  'offline-queue/store/database.ts': { max: 1, why: 'database errors for the technician' },
  'offline-queue/store/migrations.ts': { max: 2, why: 'database migration errors for the technician' },
  'offline-queue/sync/central-client.ts': { max: 2, why: 'central link failures for the technician' },
  'offline-queue/sync/uploader.ts': { max: 1, why: 'upload failure for the technician' },
};

/** The Chinese string literals of a source file (comments never count), with their lines. */
export function chineseLiterals(fileName: string, text: string): { line: number; text: string }[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: { line: number; text: string }[] = [];
  const at = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
  const visit = (node: ts.Node): void => {
    // a template with placeholders is one sentence, whichever of its pieces holds the Chinese
    if (ts.isTemplateExpression(node)) {
      const text = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('…');
      if (CJK.test(text)) found.push({ line: at(node), text });
      for (const span of node.templateSpans) visit(span.expression);
      return;
    }
    if (ts.isStringLiteralLike(node) && CJK.test(node.text)) {
      // an import path, a property key or a literal type (a code in a type) is not a sentence
      const p = node.parent;
      if (!ts.isImportDeclaration(p) && !ts.isLiteralTypeNode(p) && !(ts.isPropertyAssignment(p) && p.name === node)) found.push({ line: at(node), text: node.text });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function checkedFiles(): string[] {
  return CHECKED.flatMap((dir) =>
    fs
      .readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts'))
      .map((e) => path.relative(root, path.join(e.parentPath, e.name))),
  );
}

describe('no sentence is built in the backend, the queue or common code', () => {
  it('holds no Chinese string literal outside the listed files, and no more than each listed file holds today', () => {
    const over: string[] = [];
    for (const file of checkedFiles()) {
      const found = chineseLiterals(file, fs.readFileSync(path.join(root, file), 'utf8'));
      const allowed = ALLOWED[file]?.max ?? 0;
      if (found.length > allowed) over.push(`${file}: ${found.length} Chinese literals (allowed ${allowed}): ${found.map((f) => `${f.line}: ${f.text.slice(0, 40)}`).join(' | ')}`);
    }
    expect(over).toEqual([]);
  });

  it('lists only files that exist and still hold a Chinese literal (a file that reaches zero leaves the list)', () => {
    expect(Object.keys(ALLOWED).filter((f) => !fs.existsSync(path.join(root, f)))).toEqual([]);
    const clean = Object.keys(ALLOWED).filter((f) => fs.existsSync(path.join(root, f)) && chineseLiterals(f, fs.readFileSync(path.join(root, f), 'utf8')).length === 0);
    expect(clean).toEqual([]);
  });

  it('finds a sentence in code and template literals, never in comments', () => {
    const code = [
      '// 注释里的中文不算',
      '/* 这里也不算 */',
      "const a = '请先读取身份证 / please read your ID card first';",
      'const b = `还可尝试 ${n} 次`;',
      "import x from './数据';",
      "const ok = { code: 'no-card' };",
      "type Kind = '公共服务' | '行政许可';",
    ].join('\n');
    expect(chineseLiterals('x.ts', code).map((f) => f.line)).toEqual([3, 4]);
  });
});
