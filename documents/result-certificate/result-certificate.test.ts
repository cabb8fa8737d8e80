import { describe, expect, it } from 'vitest';
import { resultCertificateDoc } from './result-certificate';

describe('sample result certificate', () => {
  it('carries the China date of its issue: 01:00 in Beijing is already the next day', () => {
    const d = resultCertificateDoc({ title: '准予许可决定书', caseNo: 'C2026-000123', serviceCode: '321300-JF-00203-001', decision: 'approved', issuedAt: new Date('2026-12-03T17:00:00Z') });
    const lines = d.blocks.flatMap((b) => (b.type === 'line' ? [b.text] : []));
    expect(lines).toContain('日期 Date: 2026-12-04');
    expect(lines).toContain('决定 Decision: 准予 approved');
    expect(lines[0]).toBe('准予许可决定书');
    expect(d.title).toBe('准予许可决定书');
  });
});
