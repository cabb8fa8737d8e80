import { describe, expect, it } from 'vitest';
import { chosenText } from './printer-words';

describe('printer words', () => {
  it('words why a test print did not come out, and shows an unknown reason as it came', () => {
    expect(chosenText({ ok: false, code: 'receipt-test-failed', saved: true, path: '/dev/pts/3', why: 'paper-out' })).toBe(
      '已保存，但测试凭条未打出：缺纸 / saved, but the test slip did not print: out of paper',
    );
    expect(chosenText({ ok: false, code: 'a4-test-failed', saved: true, queue: 'hall-a4', uri: 'ipp://10.0.0.5/ipp/print', why: 'no-font' })).toBe(
      '已添加队列 hall-a4，但测试页未打出：缺少中文字体 / queue hall-a4 added, but the test page did not print: no CJK font',
    );
    expect(chosenText({ ok: false, code: 'receipt-test-failed', saved: true, path: '/dev/pts/3', why: 'jammed' })).toBe(
      '已保存，但测试凭条未打出：打印失败 / saved, but the test slip did not print: print failed (jammed)',
    );
    // a reason that names an object's own machinery is still just an unknown reason
    expect(chosenText({ ok: false, code: 'receipt-test-failed', saved: true, path: '/dev/pts/3', why: 'constructor' })).toMatch(/print failed \(constructor\)$/);
  });
});
