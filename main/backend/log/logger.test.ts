import { describe, expect, it } from 'vitest';
import { logEvents } from '../../../common/log-events';
import { redactLine } from '../maintenance/log-export';
import { createLogger } from './logger';

function capture() {
  const lines: string[] = [];
  return { lines, logger: createLogger({ sink: (l) => lines.push(l), minLevel: 'debug', now: () => new Date('2026-11-22T08:00:00Z') }) };
}

describe('structured logger', () => {
  it('writes one JSON line per event with level from the catalogue', () => {
    const { lines, logger } = capture();
    logger.log('catalog.sync.updated', { version: '2026.11.1' });
    const line = JSON.parse(lines[0]!);
    expect(line).toEqual({ time: '2026-11-22T08:00:00.000Z', level: 'info', event: 'catalog.sync.updated', version: '2026.11.1' });
  });

  it('never writes personal data in clear', () => {
    const { lines, logger } = capture();
    logger.child({ idNumber: '320102199003071234' }).log('http.error', {
      name: '张三丰',
      phone: '13812345678',
      address: '江苏省宿迁市宿城区幸福路1号',
      message: 'lookup failed for 320102199003071234 / 13912345678',
      nested: { applicant: { idNumber: '11010519491231002X' } },
    });
    const text = lines[0]!;
    for (const secret of ['320102199003071234', '张三丰', '13812345678', '幸福路', '13912345678', '11010519491231002X']) expect(text).not.toContain(secret);
    expect(text).toContain('3201**********1234');
    expect(text).toContain('张**');
  });

  it('masks what the event declares personal, not every field called name', () => {
    const { lines, logger } = capture();
    logger.log('store.migrated', { version: 3, name: 'citizen-inputs' });
    logger.log('host.run.reaped', { name: 'scanimage', pid: 4242 });
    logger.log('http.error', { route: '/api/journey/submit', name: '张三丰' });
    expect(JSON.parse(lines[0]!)).toMatchObject({ event: 'store.migrated', name: 'citizen-inputs' });
    expect(JSON.parse(lines[1]!)).toMatchObject({ event: 'host.run.reaped', name: 'scanimage' });
    expect(JSON.parse(lines[2]!)).toMatchObject({ event: 'http.error', name: '张**' });
  });

  it("an exported log line is redacted with its own event's declaration", () => {
    const line = (event: string) => JSON.stringify({ time: '2026-11-22T08:00:00.000Z', level: 'info', event, name: '张三丰', idNumber: '320102199003071234' });
    expect(JSON.parse(redactLine(line('http.error')))).toMatchObject({ name: '张**', idNumber: '3201**********1234' });
    expect(JSON.parse(redactLine(line('store.migrated')))).toMatchObject({ name: '张三丰', idNumber: '3201**********1234' });
  });

  it('every catalogued event has a description and a known level', () => {
    for (const [id, spec] of Object.entries(logEvents)) {
      expect(id).toMatch(/^[a-z0-9]+(\.[a-z0-9-]+)+$/);
      expect(spec.description.length, id).toBeGreaterThan(10);
      expect(['debug', 'info', 'warn', 'error']).toContain(spec.level);
    }
  });
});
