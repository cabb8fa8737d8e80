import { describe, expect, it } from 'vitest';
import { parseKioskEvent } from './events';

describe('SSE event parsing', () => {
  it('accepts the events the renderer acts on', () => {
    expect(parseKioskEvent('{"type":"catalog.sync","state":"offline","message":"ECONNREFUSED"}')).toEqual({ type: 'catalog.sync', state: 'offline', message: 'ECONNREFUSED' });
    expect(parseKioskEvent('{"type":"catalog.updated","version":"2026.11.1"}')).toEqual({ type: 'catalog.updated', version: '2026.11.1' });
    expect(parseKioskEvent('{"type":"hello","bootId":"b1"}')).toEqual({ type: 'hello', bootId: 'b1' });
  });

  it('ignores garbage, unknown variants and wrong field types instead of crashing the screen', () => {
    expect(parseKioskEvent('not json')).toBeNull();
    expect(parseKioskEvent('null')).toBeNull();
    expect(parseKioskEvent('{"type":"device.status","device":"printer"}')).toBeNull();
    expect(parseKioskEvent('{"type":"catalog.sync","state":"maybe"}')).toBeNull();
    expect(parseKioskEvent('{"type":"catalog.updated","version":7}')).toBeNull();
  });
});
