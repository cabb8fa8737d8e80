import { describe, expect, it } from 'vitest';
import { STRINGS } from '../i18n/strings';
import { describeSync, formatSyncTime, syncStateFromInfo } from './sync-status';

const zh = STRINGS['zh-CN'];
const en = STRINGS.en;
const tenAm = new Date(2026, 10, 22, 10, 0).toISOString(); // local time, whatever the TZ

describe('sync indicator', () => {
  it('formats the sync time as the kiosk clock shows it', () => {
    expect(formatSyncTime(tenAm)).toBe('2026-11-22 10:00');
  });

  it('says plainly when it is offline and which copy it shows', () => {
    expect(describeSync(zh, 'offline', tenAm, true)).toEqual({ tone: 'warn', text: '离线：显示 2026-11-22 10:00 同步的事项清单' });
    expect(describeSync(en, 'offline', tenAm, true).text).toBe('Offline: showing the service list synced 2026-11-22 10:00');
  });

  it('never claims a list it does not have', () => {
    expect(describeSync(zh, 'offline', null, true)).toEqual({ tone: 'error', text: '离线：尚未同步事项清单' });
    expect(describeSync(zh, 'pending', null, true).text).toBe('正在同步事项清单…');
  });

  it('reports a rejected update and keeps naming the copy in use', () => {
    expect(describeSync(zh, 'rejected', tenAm, true).text).toContain('2026-11-22 10:00');
  });

  it('reports a lost link to the kiosk backend first', () => {
    expect(describeSync(zh, 'ok', tenAm, false).text).toBe('正在重新连接终端服务…');
  });

  it('maps the backend sync outcome', () => {
    expect(syncStateFromInfo('updated')).toBe('ok');
    expect(syncStateFromInfo('unchanged')).toBe('ok');
    expect(syncStateFromInfo('unreachable')).toBe('offline');
    expect(syncStateFromInfo('rejected')).toBe('rejected');
    expect(syncStateFromInfo(null)).toBe('pending');
  });
});
