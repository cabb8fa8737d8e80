import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { drawIssuedPdf } from '../../central/issued-pdf';
import { pdfText } from '../../devices/test-support/poppler';
import type { IssuedDoc } from '../model/issued-doc';
import { caseNoticeDoc, type NoticeCase } from './case-notice';

const facts: NoticeCase = {
  caseNo: 'C2026-000123',
  receiptNo: 'KSK0001-20261123-0001',
  serviceCode: '321300-JF-00203-001',
  serviceName: '失业保险金申领',
  applicantName: '张*',
  // 00:30 on the 23rd in Beijing
  submittedAt: '2026-11-22T16:30:00Z',
  // 01:00 on 4 December in Beijing
  issuedAt: new Date('2026-12-03T17:00:00Z'),
};
const lines = (d: IssuedDoc) => d.blocks.flatMap((b) => (b.type === 'line' ? [b.text] : []));

async function printed(d: IssuedDoc): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'notice-'));
  try {
    const file = path.join(dir, 'n.pdf');
    fs.writeFileSync(file, await drawIssuedPdf(d));
    return pdfText(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('central notices', () => {
  it('dates the notice and the application in China time, whatever the machine’s zone', () => {
    const all = lines(caseNoticeDoc(facts, { kind: 'accepted', owed: [], note: null }));
    expect(all).toContain('日期 Date: 2026-12-04');
    expect(all).toContain('申请时间 Submitted: 2026-11-23');
  });

  it('lists every correction at once with the deadline, and says so in print', async () => {
    const d = caseNoticeDoc(facts, {
      kind: 'correction',
      items: [
        { materialId: 'photo', description: '照片背景应为白色' },
        { materialId: null, description: '申请表缺少签名' },
      ],
      deadline: '2026-12-15',
    });
    expect(d.title).toBe('补正材料通知书 Notice of Corrections Required');
    const text = await printed(d);
    expect(text).toContain('Deadline: 2026-12-15');
    expect(text).toContain('Items: 2');
    expect(text).toContain('[photo]');
    expect(text).toContain('C2026-000123');
  });

  it('states the remedy on every 不予受理 and names a nameless applicant 申请人', () => {
    const all = lines(caseNoticeDoc({ ...facts, applicantName: null }, { kind: 'not-accepted', reasons: ['不属于本机关职权范围'] }));
    expect(all).toContain('1. 不属于本机关职权范围');
    expect(all).toContain('Remedy: administrative reconsideration (60 days) or administrative litigation (6 months).');
    expect(all.some((l) => l.startsWith('申请人：经审查'))).toBe(true);
  });

  it('lists owed materials of a 容缺 acceptance with its note', () => {
    const all = lines(caseNoticeDoc(facts, { kind: 'accepted', owed: [{ materialId: 'rent', description: '租金支付凭证' }], note: '请于十日内补交' }));
    expect(all).toContain('1. 租金支付凭证 [rent]');
    expect(all).toContain('说明 Note: 请于十日内补交');
  });
});
