// The words for what a device operation answers as a code: a scan's faults, the screens' device
// refusals (area `devices`), the technician's self-tests and reconnects. Only the kiosk's screens show these, so they live here (a device's
// status words are shared with central's fleet page: common/device-words.ts). Chinese first,
// English second.
import type { RefusalCodes } from '../../../common/api/kiosk-api-types';

type RefusalKind<A extends keyof RefusalCodes> = RefusalCodes[A];
import { bilingual, deviceStatusLine, type Words } from '../../../common/device-words';
import type { api } from '../api';
import type { Answer } from '../call';
import { A4_FAILURE_WORDS, CARD_READ_PROBLEM_WORDS, PHOTO_PROBLEM_WORDS, RECEIPT_NOT_PRINTED_WORDS, pageProblemWords, receiptHeldWords, unusablePagesWords } from './device-failures';

/** A self-test's outcome as the API types it (main/backend/maintenance/self-test.ts). */
type SelfTestOutcome = Answer<(typeof api.maintenance.devices)[':kind']['self-test']['$post']>;

/** A refusal's parameter as the backend sent it (the body is read defensively: it crossed a boundary). */
export type Param = (key: string) => unknown;
export type Wording = (param: Param) => Words;

type ScanFault = Extract<SelfTestOutcome, { code: 'scan-failed' }>['fault'];

/** Why a scan gave no pages (devices/scanner/): the citizen at the materials step reads these. */
export const SCAN_FAULT_WORDS: Record<ScanFault, Wording> = {
  jammed: () => ({ zh: '扫描仪卡纸，请清除卡纸后重试', en: 'The scanner jammed: clear the paper and try again.' }),
  'cover-open': () => ({ zh: '扫描仪盖板打开，请合上后重试', en: 'The scanner cover is open: close it and try again.' }),
  'no-documents': () => ({ zh: '进纸器中没有文件，请放入材料', en: 'No documents in the feeder: please insert them.' }),
  busy: () => ({ zh: '扫描仪正忙，请稍候', en: 'The scanner is busy, please wait.' }),
  'not-found': () => ({ zh: '未找到扫描仪', en: 'Scanner not found.' }),
  unavailable: () => ({ zh: '扫描服务不可用', en: 'The scanning service is unavailable.' }),
  'io-error': () => ({ zh: '扫描仪通信错误', en: 'Scanner communication error.' }),
  error: () => ({ zh: '扫描失败', en: 'Scanning failed.' }),
  'pages-unusable': (p) => unusablePagesWords(p('unusable')),
};

/** The `devices` area's refusals. */
export const DEVICE_REFUSAL_WORDS: Record<RefusalKind<'devices'>, Wording> = {
  ...SCAN_FAULT_WORDS,
  'no-page': () => ({ zh: '没有这一页', en: 'no such page' }),
  'not-an-image': () => ({ zh: '请上传 JPEG 或 PNG 图片', en: 'send a JPEG or PNG image' }),
  'bad-image': pageProblemWords,
  held: (p) => receiptHeldWords(p('reason')),
  'no-held-receipt': () => ({ zh: '没有这张待重打的凭条', en: 'no such held receipt' }),
  invalid: () => RECEIPT_NOT_PRINTED_WORDS.invalid,
};

type SelfTestCode = SelfTestOutcome['code'];
type OutcomeOf<C extends SelfTestCode> = Extract<SelfTestOutcome, { code: C }>;

const SELF_TEST_WORDS: { [C in SelfTestCode]: (r: OutcomeOf<C>) => Words | string } = {
  'receipt-printed': () => ({ zh: '测试凭条已打印', en: 'test receipt printed' }),
  'receipt-failed': (r) => ({ zh: `测试打印失败（${r.why}），测试凭条未保留`, en: `test print failed (${r.why}); the test slip is not kept` }),
  'a4-printed': () => ({ zh: 'A4 测试页已打印', en: 'A4 test page printed' }),
  'a4-failed': (r) => A4_FAILURE_WORDS[r.failure],
  'scan-ok': (r) => ({ zh: `扫描正常，${r.pages} 页`, en: `scan OK, ${r.pages} page(s)` }),
  'scan-failed': (r) => SCAN_FAULT_WORDS[r.fault](() => undefined),
  'reader-offline': (r) => deviceStatusLine('id-card-reader', r.status),
  'card-timeout': (r) => ({ zh: `${r.seconds} 秒内未读到卡，请放置测试卡后重试`, en: 'no card read in time: place a test card and try again' }),
  'card-read': (r) => {
    const ok = { zh: '读卡正常（内容不显示）', en: 'card read OK (contents not shown)' };
    if (!r.photo) return ok;
    const why = PHOTO_PROBLEM_WORDS[r.photo];
    return { zh: `${ok.zh}；证件照片未能取得：${why.zh}`, en: `${ok.en}; no card photo: ${why.en}` };
  },
  'card-error': (r) => CARD_READ_PROBLEM_WORDS[r.problem],
  'code-timeout': (r) => ({ zh: `${r.seconds} 秒内未扫到码`, en: 'no code scanned in time' }),
  'code-scanned': (r) => ({ zh: `扫码正常（${r.length} 个字符）`, en: `code scanned (${r.length} characters)` }),
  'no-self-test': () => ({ zh: '此设备没有自检', en: 'no self-test for this device' }),
};

/** What the maintenance screen says about a self-test's outcome. */
export function selfTestText(r: SelfTestOutcome): string {
  const words = (SELF_TEST_WORDS[r.code] as (r: SelfTestOutcome) => Words | string)(r);
  return typeof words === 'string' ? words : bilingual(words);
}

const RECONNECT_WORDS = {
  'reconnect-requested': { zh: '已请求重新连接', en: 'reconnect requested' },
  'reconnect-not-supported': { zh: '此设备层不支持重连', en: 'reconnect not supported' },
} satisfies Record<string, Words>;

export function reconnectText(code: keyof typeof RECONNECT_WORDS): string {
  return bilingual(RECONNECT_WORDS[code]);
}

export const stringOr = (v: unknown, otherwise: string) => (typeof v === 'string' ? v : otherwise);
