import { describe, expect, it } from 'vitest';
import { parseKioskEvent } from './events';

describe('SSE event parsing', () => {
  it('accepts the events the renderer acts on', () => {
    expect(parseKioskEvent('{"type":"catalog.sync","state":"offline","message":"ECONNREFUSED"}')).toEqual({ type: 'catalog.sync', state: 'offline', message: 'ECONNREFUSED' });
    expect(parseKioskEvent('{"type":"catalog.updated","version":"2026.11.1"}')).toEqual({ type: 'catalog.updated', version: '2026.11.1' });
    expect(parseKioskEvent('{"type":"hello","bootId":"b1"}')).toEqual({ type: 'hello', bootId: 'b1' });
    expect(parseKioskEvent('{"type":"case.status","receiptNo":"KSK0001-20261122-0001","caseNo":"AJ20261122000001","status":"accepted","at":"2026-11-22T08:00:00.000Z"}')).toEqual({
      type: 'case.status',
      receiptNo: 'KSK0001-20261122-0001',
      caseNo: 'AJ20261122000001',
      status: 'accepted',
      at: '2026-11-22T08:00:00.000Z',
    });
    expect(parseKioskEvent('{"type":"case.status","receiptNo":"KSK0001-20261122-0001","status":3}')).toBeNull();
    expect(parseKioskEvent('{"type":"followup.input","input":{"kind":"card"}}')).toEqual({ type: 'followup.input', input: { kind: 'card' } });
    expect(parseKioskEvent('{"type":"followup.input","input":{"kind":"receipt","receiptNo":"KSK0001-20261122-0001"}}')).toEqual({
      type: 'followup.input',
      input: { kind: 'receipt', receiptNo: 'KSK0001-20261122-0001' },
    });
    expect(parseKioskEvent('{"type":"followup.input","input":{"kind":"receipt"}}')).toBeNull();
  });

  it('ignores garbage, unknown variants and wrong field types instead of crashing the screen', () => {
    expect(parseKioskEvent('not json')).toBeNull();
    expect(parseKioskEvent('null')).toBeNull();
    expect(parseKioskEvent('{"type":"device.status","device":"printer"}')).toBeNull();
    expect(parseKioskEvent('{"type":"catalog.sync","state":"maybe"}')).toBeNull();
    expect(parseKioskEvent('{"type":"catalog.updated","version":7}')).toBeNull();
  });
});
