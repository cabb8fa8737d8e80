import { describe, expect, it } from 'vitest';
import { queueAlertText } from './queue-alert-words';

describe('queue alert words', () => {
  it('words each alert for the technician, Chinese first, with its parameters', () => {
    expect(queueAlertText({ code: 'disk-full' })).toBe('终端存储空间已满，本次申请未能保存，请联系工作人员 / The terminal storage is full: your application was NOT saved. Please ask staff for help.');
    expect(queueAlertText({ code: 'quarantined', file: 'kiosk.db.corrupt-1' })).toMatch(/^数据库完整性检查失败，已隔离到 kiosk\.db\.corrupt-1，请技术人员恢复其中未上传的申请 \/ database failed/);
    expect(queueAlertText({ code: 'salvage-unreadable', count: 3 })).toMatch(/could not be read \(3\)$/);
    expect(queueAlertText({ code: 'salvage-unreadable', count: null })).toMatch(/could not be read \(all\)$/);
    expect(queueAlertText({ code: 'auth-refused', detail: 'unknown terminal' })).toBe("中心拒绝本终端的凭据 / central refused this terminal's credentials: unknown terminal");
    expect(queueAlertText({ code: 'suite-switch-failed', item: 'submissions.manifest' })).toMatch(/re-sealed \(submissions\.manifest\)$/);
    expect(queueAlertText({ code: 'key-mismatch' })).toMatch(/^加密密钥与数据库不符/);
  });
});
