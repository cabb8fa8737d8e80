// The kiosk's client against central's published contract: every call the kiosk makes exists
// in GET /v1/openapi.json with the same method, and the JSON it actually sends validates
// against the request schema in that document.
import fs from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIOSK_CALLS } from '../common/central-api';
import type { RunningCentral } from '../central/embedded';
import type { CallRecord } from './sync/central-client';
import { openQueue, SERVICE_CODE, tempDir, testCentral } from './test-support/harness';
import { sampleSubmission } from './test-support/sample-submission';

let dir: string;
let central: RunningCentral;
let doc: { openapi: string; paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: object }> } }>> };

beforeAll(async () => {
  dir = tempDir('contract-');
  central = await testCentral(dir);
  doc = await (await fetch(`${central.url}/v1/openapi.json`)).json();
});
afterAll(async () => {
  await central.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('kiosk ↔ central contract', () => {
  it('names only paths and methods that the OpenAPI document has', () => {
    expect(doc.openapi).toBe('3.1.0');
    for (const [name, call] of Object.entries(KIOSK_CALLS)) expect(doc.paths[call.path]?.[call.method], `${name}: ${call.method.toUpperCase()} ${call.path}`).toBeDefined();
  });

  it('sends request bodies that validate against the document during a real sync', async () => {
    const k = openQueue(dir, central.url);
    const calls: CallRecord[] = [];
    k.queue.client.onCall = (r) => calls.push(r);
    const r = k.queue.enqueue(sampleSubmission({ serviceCode: SERVICE_CODE, pages: 2, pageBytes: 3000 }));
    expect(r.ok).toBe(true);
    k.queue.start();
    await k.queue.syncNow();
    if (r.ok) expect(k.queue.evaluate(r.value.receiptNo, { rating: 4, comment: '方便' }).ok).toBe(true);
    await k.queue.syncNow();
    await k.close();
    expect(new Set(calls.map((c) => c.call))).toEqual(new Set(['attachmentInit', 'attachmentChunk', 'submitBatch', 'caseFeed', 'calendar', 'evaluation']));
    const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
    for (const c of calls) {
      const op = doc.paths[c.path]![c.method]!;
      if (c.body === null || c.body === '[bytes]') {
        expect(op.requestBody?.content['application/json'], `${c.call} should not need a JSON body`).toBeUndefined();
        continue;
      }
      const schema = op.requestBody!.content['application/json']!.schema;
      const validate = ajv.compile(schema);
      expect(validate(c.body), `${c.call}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    }
  });
});
