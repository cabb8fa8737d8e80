// The words for the maintenance screen's codes: its refusals (area `maintenance`), what became of
// each config field and why logs were not exported. Chinese first, English second.
import { bilingual, type Words } from '../../../common/device-words';
import type { RefusalCodes } from '../../../common/api/kiosk-api-types';

type RefusalKind<A extends keyof RefusalCodes> = RefusalCodes[A];
import type { api } from '../api';
import type { Answer } from '../call';
import { stringOr, type Param, type Wording } from './device-words';

/** A config field's outcome as the API types it (main/backend/maintenance/config-edit.ts). */
export type ConfigOutcome = Answer<typeof api.maintenance.config.$put>['outcomes'][number];

const CONFIG_OUTCOME_WORDS: { [C in ConfigOutcome['code']]: (o: Extract<ConfigOutcome, { code: C }>) => Words } = {
  saved: () => ({ zh: '已保存，重启后生效', en: 'saved; applies after restart' }),
  'not-editable': () => ({ zh: '该字段不可在维护模式修改', en: 'this field cannot be changed in maintenance mode' }),
  invalid: (o) => ({ zh: '取值不符合要求', en: `invalid value: ${o.issue}` }),
};

export function configOutcomeText(o: ConfigOutcome): string {
  return bilingual((CONFIG_OUTCOME_WORDS[o.code] as (o: ConfigOutcome) => Words)(o));
}

/** Why the logs were not exported (main/backend/maintenance/log-export.ts), by the refusal's `reason`. */
function exportRefused(p: Param): Words {
  switch (p('reason')) {
    case 'not-absolute':
      return { zh: '导出位置应为绝对路径', en: 'the target must be an absolute path' };
    case 'no-folder':
      return { zh: '导出位置不存在或不是文件夹（U 盘是否已插入？）', en: 'the target folder does not exist (is the USB stick mounted?)' };
    case 'outside-roots': {
      const roots = p('roots');
      return { zh: '只能导出到这些位置之下', en: `export only under: ${Array.isArray(roots) ? roots.filter((r) => typeof r === 'string').join(', ') : ''}` };
    }
    default:
      return { zh: '导出失败', en: `export failed: ${stringOr(p('detail'), '')}` };
  }
}

export const MAINTENANCE_REFUSAL_WORDS: Partial<Record<RefusalKind<'maintenance'>, Wording>> = {
  'no-dead-letter': () => ({ zh: '没有这条待处理记录', en: 'no such dead letter' }),
  'no-config-file': () => ({ zh: '本终端未指定配置文件', en: 'this terminal runs without a config file' }),
  'export-refused': exportRefused,
  'printer-not-found': () => ({ zh: '未找到该打印机，请重新查找', en: 'that printer is not attached now; search again' }),
  'bad-address': (p) => ({ zh: '打印机地址无效，应为 IP 地址、主机名或 ipp:// 地址', en: `not a printer address (an IP address, host name or ipp:// address): ${stringOr(p('detail'), '')}` }),
  'queue-not-added': (p) => ({ zh: '无法添加打印队列', en: `CUPS did not add the queue: ${stringOr(p('detail'), '')}` }),
  'printer-not-saved': (p) => ({ zh: '打印机设置未保存', en: `the printer was not saved: ${stringOr(p('issue'), '')}` }),
};

type SyncAnswer = Answer<typeof api.maintenance.queue.sync.$post>;

/** Why a forced sync did not finish (offline-queue/sync/sync-engine.ts SyncFailureKind). */
const SYNC_FAILURE_WORDS: Record<NonNullable<SyncAnswer['lastFailure']>, Words> = {
  network: { zh: '无法连接中心系统（网络不通或中心未应答）', en: 'central cannot be reached (no network or no answer)' },
  unavailable: { zh: '中心系统暂时无法处理，稍后自动重试', en: 'central cannot serve now; the kiosk retries by itself' },
  auth: { zh: '中心拒绝了本终端的凭据，请联系管理员', en: 'central refused this terminal’s credentials: call the administrator' },
  rejected: { zh: '中心拒绝了本次请求', en: 'central refused the request' },
  invalid: { zh: '中心的答复不符合接口约定', en: 'central’s answer does not follow the contract' },
  internal: { zh: '终端内部错误', en: 'an error inside the kiosk' },
};

/** The line after 立即同步: done with the counts, or why not, with the engine's detail for the technician. */
export function syncResultText(s: Pick<SyncAnswer, 'lastFailure' | 'lastError' | 'pending' | 'sent' | 'dead'>): string {
  if (s.lastFailure) return `${bilingual({ zh: '同步未完成', en: 'sync incomplete' })}: ${bilingual(SYNC_FAILURE_WORDS[s.lastFailure])}${s.lastError ? ` — ${s.lastError}` : ''}`;
  return bilingual({ zh: `同步完成：待传 ${s.pending}，已传 ${s.sent}，待处理 ${s.dead}`, en: `sync done: ${s.pending} pending, ${s.sent} sent, ${s.dead} need attention` });
}
