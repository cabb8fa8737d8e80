// "Every answer central gives in a test is held to the document" holds only while tests build
// central through the checked helpers: testCentralApp (in-process), the queue harness's
// testCentral, temp-kiosk and the e2e harness (over loopback). A test that builds its own
// central unchecked fails here and says which helper to use.
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const SKIP = new Set(['node_modules', 'dist', '.git', 'test-results']);

function testFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (SKIP.has(e.name)) return [];
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return testFiles(p);
    return /\.(test|e2e)\.tsx?$/.test(e.name) ? [p] : [];
  });
}

it('builds central in tests only through the helpers that check its answers', () => {
  const unchecked = testFiles(ROOT)
    .filter((f) => /\b(createCentralApp|startCentral)\(/.test(fs.readFileSync(f, 'utf8')))
    .map((f) => path.relative(ROOT, f));
  expect(unchecked, 'use testCentralApp (central/test-support/checked-app.ts), testCentral (offline-queue/test-support/harness.ts) or startTestCentral (e2e/harness/kiosk.ts)').toEqual([]);
});
