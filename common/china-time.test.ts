import { describe, expect, test } from 'vitest';
import { chinaDateTime, chinaDay, chinaIsoDate, chinaYear } from './china-time';

describe('china time', () => {
  test('the day changes at 16:00 UTC, midnight in China', () => {
    expect(chinaIsoDate(new Date('2026-11-22T15:59:59.999Z'))).toBe('2026-11-22');
    expect(chinaIsoDate(new Date('2026-11-22T16:00:00.000Z'))).toBe('2026-11-23');
    expect(chinaDay(new Date('2026-11-22T17:00:00Z'))).toBe('20261123');
  });

  test('the year turns at China midnight, and times read as a clock in China shows them', () => {
    expect(chinaYear(new Date('2026-12-31T15:59:00Z'))).toBe(2026);
    expect(chinaYear(new Date('2026-12-31T16:00:00Z'))).toBe(2027);
    expect(chinaDateTime('2026-11-22T05:05:00Z')).toBe('2026-11-22 13:05');
    expect(chinaDateTime('2026-12-31T16:30:00+00:00')).toBe('2027-01-01 00:30');
  });
});
