// The words for the offline queue's alerts on the technician's queue panel (common/queue-alert.ts
// gives the code and its parameters). Chinese first, English second.
import { bilingual, type Words } from '../../../common/device-words';
import type { QueueAlertDetail } from '../../../common/queue-alert';

const WORDS: { [C in QueueAlertDetail['code']]: (a: Extract<QueueAlertDetail, { code: C }>) => Words } = {
  'key-mismatch': () => ({ zh: '加密密钥与数据库不符，已排队的申请无法解密', en: 'the encryption key does not match the database: queued submissions cannot be read' }),
  'suite-switch-failed': (a) => ({ zh: '密码套件切换中断：有数据无法重新加密，请技术人员处理', en: `the crypto-suite switch stopped: a sealed item could not be re-sealed (${a.item})` }),
  quarantined: (a) => ({
    zh: `数据库完整性检查失败，已隔离到 ${a.file}，请技术人员恢复其中未上传的申请`,
    en: 'database failed its integrity check and was quarantined: a technician must recover unsent submissions from it',
  }),
  'salvage-unreadable': (a) => ({ zh: '隔离的数据库中有申请无法读取，请技术人员处理', en: `some submissions in the quarantined database could not be read (${a.count ?? 'all'})` }),
  'disk-full': () => ({ zh: '终端存储空间已满，本次申请未能保存，请联系工作人员', en: 'The terminal storage is full: your application was NOT saved. Please ask staff for help.' }),
  'auth-refused': (a) => ({ zh: '中心拒绝本终端的凭据', en: `central refused this terminal's credentials: ${a.detail}` }),
};

/** One alert as the technician reads it. */
export function queueAlertText(a: QueueAlertDetail): string {
  const word = WORDS[a.code] as (x: QueueAlertDetail) => Words;
  return bilingual(word(a));
}
