import { describe, expect, it } from 'vitest';
import { textColumns } from '../model/text-width';
import { missingNoticeDoc } from './missing-notice';

const input = {
  hallName: '宿迁市宿城区政务服务中心',
  terminalId: 'SQ0012',
  printedAt: '2026-11-22T05:05:00Z',
  service: { name: '失业保险金申领', code: '321300-JF-00203-001' },
  missing: [
    { name: '终止或者解除劳动合同的证明', copies: 1, original: true, source: '原用人单位出具', rongque: false },
    { name: '租金支付凭证', copies: 1, original: false, source: '申请人自备', rongque: true },
  ],
  brought: ['房屋租赁合同'],
  consultationPhone: '12333',
  place: '宿迁市政务服务中心一楼社保窗口',
};

describe('一次性告知单 layout', () => {
  it.each([32, 48] as const)('lists every missing item, says nothing was submitted, fits %i columns', (width) => {
    const doc = missingNoticeDoc(input, width);
    const texts = doc.lines.flatMap((l) => (l.type === 'text' ? [{ t: l.text, double: l.size === 'double' }] : []));
    const all = texts.map((x) => x.t.trim()).join('');
    expect(all).toContain('一次性告知单');
    expect(all).toContain('本次未提交申请');
    expect(all).toContain('全部 2 项');
    expect(all).toContain('终止或者解除劳动合同的证明');
    expect(all).toContain('租金支付凭证');
    expect(all).toContain('可容缺后补');
    expect(all).toContain('2026-11-22 13:05');
    for (const x of texts) expect(textColumns(x.t) * (x.double ? 2 : 1), x.t).toBeLessThanOrEqual(width);
  });

  it('refuses a notice with nothing missing', () => {
    expect(() => missingNoticeDoc({ ...input, missing: [] }, 32)).toThrow();
  });
});
