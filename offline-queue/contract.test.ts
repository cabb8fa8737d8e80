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
import { sampleSubmission, testIdNumber } from './test-support/sample-submission';
import { uuidv7 } from '../common/uuidv7';

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
    expect(new Set(calls.map((c) => c.call))).toEqual(new Set(['attachmentChunk', 'submitBatch', 'caseFeed', 'calendar', 'evaluation']));
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

  it('sends follow-up bodies (lookup, document fetch, print report, postal delivery) with their proofs, validating against the document', async () => {
    const k = openQueue(dir, central.url);
    const r = k.queue.enqueue(sampleSubmission({ serviceCode: SERVICE_CODE, idNumber: testIdNumber(77), pages: 1, pageBytes: 1000 }));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    k.queue.start();
    await k.queue.syncNow();
    const caseNo = k.queue.caseStatus(r.value.receiptNo)!.caseNo!;
    const admin = (body: unknown) =>
      fetch(`${central.url}/v1/admin/cases/${caseNo}/status`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${central.adminToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await admin({ status: 'accepted' })).status).toBe(200);
    const done = (await (await admin({ status: 'concluded', decision: 'approved', documents: [{ name: '证照.pdf' }] })).json()) as { update: { documents: { id: string }[] } };
    const calls: CallRecord[] = [];
    k.queue.client.onCall = (c) => calls.push(c);
    const proof = { by: 'claim', claim: r.value.claim! } as const;
    const answers = [
      await k.queue.client.call('caseLookup', { json: { by: 'idNumber', idNumber: testIdNumber(77) } }),
      await k.queue.client.call('caseLookup', { json: { by: 'receiptNo', receiptNo: r.value.receiptNo, claim: r.value.claim! } }),
      await k.queue.client.call('deliveryRequest', {
        params: { caseNo },
        json: { idempotencyKey: uuidv7(), address: { recipient: '张三', phone: '13812345678', region: '江苏省宿迁市宿城区', detail: '幸福路 1 号', postcode: '223800' }, proof },
      }),
      await k.queue.client.call('documentPrinted', {
        params: { documentId: done.update.documents[0]!.id },
        json: { printedAt: new Date().toISOString(), proof: { by: 'idNumber', idNumber: testIdNumber(77) } },
      }),
      await k.queue.client.call('documentFetch', { params: { documentId: done.update.documents[0]!.id }, json: { proof } }),
    ];
    await k.close();
    expect(answers.map((a) => a.ok)).toEqual([true, true, true, true, true]);
    const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
    for (const c of calls) {
      const validate = ajv.compile(doc.paths[c.path]![c.method]!.requestBody!.content['application/json']!.schema);
      expect(validate(c.body), `${c.call}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    }
    expect(calls.map((c) => c.call)).toEqual(['caseLookup', 'caseLookup', 'deliveryRequest', 'documentPrinted', 'documentFetch']);
  });
});
