// The heartbeat a real kiosk builds validates against central's published OpenAPI document.
import fs from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import { afterEach, describe, expect, it } from 'vitest';
import { KIOSK_CALLS } from '../../../common/central-api';
import { tempKiosk, type TempKiosk } from '../test-support/temp-kiosk';
import { buildHeartbeat } from './heartbeat';

let k: TempKiosk | null = null;
afterEach(async () => {
  if (!k) return;
  await k.close();
  fs.rmSync(k.dataDir, { recursive: true, force: true });
  k = null;
});

describe('heartbeat contract', () => {
  it('sends a body that validates against POST /v1/heartbeats in central’s OpenAPI document', async () => {
    k = await tempKiosk();
    await k.ctx.devices.settled();
    k.ctx.maintenance.usage.step('contract-session', 'apply', 'identity');
    const doc = (await (await fetch(`${k.ctx.centralUrl}/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, { requestBody: { content: Record<string, { schema: object }> } }>> };
    const op = doc.paths[KIOSK_CALLS.heartbeat.path]![KIOSK_CALLS.heartbeat.method]!;
    const validate = new Ajv2020({ strict: false, validateFormats: false, allErrors: true }).compile(op.requestBody.content['application/json']!.schema);
    const body = buildHeartbeat(k.ctx, k.ctx.maintenance.usage, k.dataDir);
    expect(validate(JSON.parse(JSON.stringify(body))), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...body, queue: { ...body.queue, pending: -1 } })).toBe(false);
    // Each device goes as its structured status (central words it); no sentence is built here.
    expect(body.devices.map((d) => [d.device, d.status?.state, 'message' in d])).toEqual(body.devices.map((d) => [d.device, d.state, false]));
  });
});
