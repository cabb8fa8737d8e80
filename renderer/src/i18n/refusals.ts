// The words for the backend's refusal codes. The backend answers `{ error: code, area, …params }`
// (http/refusals.ts); `call()` puts these words in the refusal's `message`, so every screen shows
// them the way it showed the backend's own sentence. Looked up by area and code: `not-found` is a
// case at 办件进度查询 and a rating's receipt at 好差评. Chinese first, English second, on one line:
// the citizen and whoever helps them may read either.
import { chinaDateTime } from '../../../common/china-time';
import { bilingual, type Words } from '../../../common/device-words';
import type { NetidCheckRefusal } from '../../../common/events';
import { isPostRefusal, type PostRefusal } from '../../../common/post-refusals';
import type { CardProblem } from '../../../common/journey/identity';
import type { NotPrintable, RefusalCodes } from '../../../common/api/kiosk-api-types';

/** The areas of the backend's refusal table (main/backend/http/refusals.ts) and their codes. */
type RefusalArea = keyof RefusalCodes;
type RefusalKind<A extends RefusalArea> = RefusalCodes[A];
import { DEVICE_REFUSAL_WORDS } from './device-words';
import { FACE_FAILURE_WORDS, a4FailureWords } from './device-failures';
import { HTTP_REFUSAL_WORDS } from './http-words';
import { MAINTENANCE_REFUSAL_WORDS } from './maintenance-words';

export const CARD_PROBLEM_TEXT: Record<CardProblem, Words> = {
  'card-expired': { zh: '证件已过有效期，请到窗口办理', en: 'The card has expired; please go to the counter' },
  'card-not-accepted-here': { zh: '此类证件暂不能在自助机提交申请，请到窗口办理', en: 'Applications with this card cannot be made at the kiosk yet; please go to the counter' },
  'social-card-not-accepted': { zh: '此事项不能使用社保卡办理，请取出社保卡，改用身份证', en: 'This service cannot be applied for with a social security card: please use your ID card' },
};

/** Why a 网证 QR did not identify the citizen (the `netid.refused` event). */
export const NETID_REFUSAL_TEXT: Record<NetidCheckRefusal, Words> = {
  'netid-offline': { zh: '网证核验需要联网，当前无法连接，请使用身份证', en: 'Network identity needs the network, which is down now: please use your ID card' },
  'netid-expired': { zh: '网证二维码已过期，请在手机上刷新后重新扫码', en: 'The QR code has expired: refresh it on your phone and scan again' },
  'netid-replayed': { zh: '这个网证二维码已经用过，请在手机上刷新后重新扫码', en: 'This QR code was used already: refresh it on your phone and scan again' },
  'netid-bad-signature': { zh: '网证核验未通过，请使用身份证或到人工窗口', en: 'The network identity did not verify: please use your ID card or go to the counter' },
  'netid-unknown-issuer': { zh: '不支持此网证，请使用身份证或到人工窗口', en: 'This network identity is not supported: please use your ID card or go to the counter' },
  'netid-malformed': { zh: '无法识别这个二维码，请出示网证二维码', en: 'This QR code is not a network identity: please show your 网证 QR code' },
  'netid-unverifiable': { zh: '网证暂时无法核验，请使用身份证', en: 'The network identity cannot be verified now: please use your ID card' },
};

/** A refusal's parameter as the backend sent it (the body is read defensively: it crossed a boundary). */
type Param = (key: string) => unknown;

/** Words in both languages: a sentence from elsewhere (central, a printer) is never shown as it came. */
type Wording = (param: Param) => Words;

/** Why a result or notice cannot be printed here (the case view's `why`, and a print refused for it). */
export const NOT_PRINTABLE_TEXT: Record<NotPrintable, Words> = {
  'result-printed': { zh: '结果文书已打印过一次，不能重复打印', en: 'the result was already printed once' },
  'result-posted': { zh: '已选择邮寄，结果文书不在本机打印', en: 'postal delivery was chosen' },
  'not-downloaded': { zh: '文书尚未下载到本机', en: 'not downloaded to this kiosk yet' },
};

// The outbox's refusals, at the journey's submit and in the raw queue API.
const NOT_SAVED = {
  invalid: () => ({ zh: '申请内容不完整或有误', en: 'the application is incomplete or invalid' }),
  'key-reused': () => ({ zh: '该幂等键已用于另一份申请', en: 'this idempotency key was already used for a different application' }),
  'disk-full': () => ({ zh: '终端存储空间已满，本次申请未能保存，请联系工作人员', en: 'The terminal storage is full: your application was NOT saved. Please ask staff for help.' }),
  storage: (p) => ({ zh: '保存失败，请联系工作人员', en: `could not save the application: ${stringOr(p('detail'), '')}` }),
} satisfies Record<string, Wording>;

const HELPER_NOT_SIGNED_IN: Wording = () => ({ zh: '帮办人员未登录或已超时退出，请重新登录', en: 'the helper is not signed in (or was signed out)' });
const RATING_WORDS = {
  'already-rated': () => ({ zh: '本次办理已评价（一次一评）', en: 'already rated' }),
  invalid: () => ({ zh: '评价应为 1–5', en: 'rating must be 1–5' }),
  storage: (p) => ({ zh: '评价保存失败', en: `could not save the evaluation: ${stringOr(p('detail'), '')}` }),
} satisfies Record<string, Wording>;
const NO_SERVICE: Wording = () => ({ zh: '未找到该事项', en: 'no such service' });
const NOT_PRINTABLE_DOCUMENT: Wording = () => ({ zh: '该文书不可自助打印', en: 'no such printable document' });

const JOURNEY: Record<RefusalKind<'journey'>, Wording> = {
  ...NOT_SAVED,
  'catalog-unavailable': () => ({ zh: '事项清单尚未同步，暂不能申请', en: 'the service list is not available yet' }),
  'unknown-service': NO_SERVICE,
  'not-at-kiosk': (p) => ({ zh: `该事项不能在自助机全程办理：${stringOr(p('note'), '请到窗口办理')}`, en: 'this service cannot be completed at the kiosk' }),
  'no-card': () => ({ zh: '请先在读卡区放置身份证', en: 'please place your ID card on the reader first' }),
  'card-not-accepted': (p) => CARD_PROBLEM_TEXT[p('problem') === 'card-expired' || p('problem') === 'social-card-not-accepted' ? (p('problem') as CardProblem) : 'card-not-accepted-here'],
  'face-check-needed': () => ({ zh: '请先完成人证核验', en: 'please complete the face check first' }),
  'helper-not-signed-in': HELPER_NOT_SIGNED_IN,
  'unknown-page': () => ({ zh: '有页面已不在本机，请重新扫描', en: 'some pages are gone, please scan again' }),
  'materials-missing': () => ({ zh: '材料不齐全，不能提交，请打印一次性告知单', en: 'materials are missing: the application cannot be submitted' }),
  'commitment-needed': () => ({ zh: '容缺材料须签署告知承诺书', en: 'sign the commitment for the owed materials' }),
  'form-invalid': () => ({ zh: '申请表有需要修改的地方', en: 'the form needs corrections' }),
  'not-missing': () => ({ zh: '材料已齐全或可容缺，无需告知单', en: 'nothing is missing that needs a notice' }),
};

const CATALOG: Record<RefusalKind<'catalog'>, Wording> = {
  'catalog-unavailable': () => ({ zh: '事项清单尚未同步，请稍后再试或到窗口咨询', en: 'The service list has not been downloaded yet.' }),
  'not-found': NO_SERVICE,
  printer: () => ({ zh: '打印机暂时不能打印，请到窗口索取纸质指南', en: 'the printer cannot print now; please ask at the counter for a printed guide' }),
};

const SUBMISSIONS: Record<RefusalKind<'submissions'>, Wording> = {
  ...NOT_SAVED,
  'catalog-unavailable': () => ({ zh: '事项清单尚未同步，暂不能提交', en: 'the service list is not available yet' }),
  'unknown-service': NO_SERVICE,
  'unknown-material': (p) => ({ zh: '该事项没有这些材料', en: `not materials of this service: ${stringsOf(p('materials')).join(', ')}` }),
  'helper-not-signed-in': HELPER_NOT_SIGNED_IN,
  'invalid-request': NOT_SAVED.invalid,
  'invalid-rating': RATING_WORDS.invalid,
  'evaluation-storage': RATING_WORDS.storage,
  'already-rated': RATING_WORDS['already-rated'],
  'not-found': () => ({ zh: '未找到该回执编号', en: 'no such receipt number' }),
  'not-printable': NOT_PRINTABLE_DOCUMENT,
  'not-downloaded': () => ({ zh: '文书尚未下载到本机，请稍后再试', en: 'the document has not been downloaded yet' }),
};

const RATING: Record<RefusalKind<'rating'>, Wording> = {
  ...RATING_WORDS,
  // 一次一评 is for what the citizen at the screen just did
  'not-found': () => ({ zh: '只能评价本次办理的事项', en: 'only this visit can be rated here' }),
};

/** 人证核验's refusals: no card or photo here, and the verifier's failures (devices/face). */
const FACE: Record<RefusalKind<'face'>, Wording> = {
  ...FACE_FAILURE_WORDS,
  'no-card': () => ({ zh: '请先读取身份证', en: 'please read your ID card first' }),
  'no-photo': () => ({ zh: '未能读取证件照片，无法核验，请到窗口办理', en: 'the card photo could not be read: please go to the counter' }),
};

const CENTRAL_UNREACHABLE: Words = { zh: '暂时无法连接中心系统，请稍后再试或到窗口办理', en: 'central cannot be reached now: try later or ask at the counter' };

function refusedFollowup(p: Param): Words {
  const why = p('why');
  const printedAt = p('printedAt');
  if (why === 'already-printed' && typeof printedAt === 'string') {
    const at = chinaDateTime(printedAt);
    return { zh: `结果文书已于 ${at} 打印，每份只能自助打印一次；如需补打请到窗口`, en: `already printed at ${at}; a result prints here once only — ask at the counter` };
  }
  if (why === 'no-post') return { zh: '该案件暂不能选择邮寄（尚未办结或结果已打印）', en: 'postal delivery is not possible for this case now' };
  if (why === 'central') return postRefusalWords(p('code'));
  return isNotPrintable(why) ? NOT_PRINTABLE_TEXT[why] : NOT_PRINTABLE_TEXT['result-printed'];
}

const CENTRAL_REFUSED: Words = { zh: '中心系统拒绝了该请求，请到窗口办理', en: 'central refused the request: please ask at the counter' };

/** Why central would not post the result (its code, common/post-refusals.ts); a code it does not name is central's refusal. */
const POST_REFUSAL_TEXT: Record<PostRefusal, Words> = {
  'already-printed': { zh: '结果文书已在自助终端打印，不能再邮寄', en: 'the result was already printed at a kiosk' },
  'not-concluded': { zh: '案件尚未办结，暂不能邮寄', en: 'the case is not concluded yet' },
  'already-requested': { zh: '该案件已申请邮寄', en: 'postal delivery was already requested' },
};
const postRefusalWords = (code: unknown): Words => (isPostRefusal(code) ? POST_REFUSAL_TEXT[code] : CENTRAL_REFUSED);

const FOLLOWUP: Record<RefusalKind<'followup'>, Wording> = {
  'no-card': () => ({ zh: '请先将身份证放在读卡区', en: 'please place your ID card on the reader first' }),
  'social-card-not-accepted': () => ({
    zh: '查询办件进度请使用身份证或扫描回执上的二维码，社保卡不能用于查询',
    en: 'to follow your cases, place your ID card or scan the QR code on your receipt; a social security card cannot be used',
  }),
  'not-found': (p) => (p('what') === 'document' ? NOT_PRINTABLE_DOCUMENT(p) : { zh: '未找到该案件', en: 'no such case' }),
  refused: refusedFollowup,
  'not-yours': () => ({ zh: '打印通知书、结果或申请邮寄，请扫描回执上的二维码或刷本人身份证', en: 'to print or have it posted, scan the QR code on your receipt or place your ID card' }),
  busy: () => ({ zh: '本机查询过于频繁，请稍后再试', en: 'too many lookups at this kiosk: please try again later' }),
  offline: (p) => (p('what') === 'document' ? { zh: '文书尚未下载到本机且中心暂不可达，请稍后再试', en: 'the document is not on this kiosk and central cannot be reached' } : CENTRAL_UNREACHABLE),
  printer: (p) => a4FailureWords(p('failure')),
  central: (p) => (p('why') === 'document-check' ? { zh: '文书校验失败，请到窗口领取', en: 'the document failed verification: ask at the counter' } : CENTRAL_REFUSED),
};

// 帮办代办 sign-in: the helper's own card at the reader, then the PIN (both checked by central).
const HELPER_CARD_WORDS = {
  'unknown-card': () => ({ zh: '此卡不是已登记的帮办人员证件', en: 'this card is not a registered helper’s card' }),
  'offline-no-ticket': () => ({
    zh: '暂时无法连接中心系统，且本机没有该帮办人员今日的离线登录凭证（须先在本机联网登录一次），请联网后再试',
    en: 'central cannot be reached and this terminal holds no offline ticket for this helper (sign in here online first)',
  }),
  refused: (p) => ({ zh: '中心系统拒绝了登录请求，请联系管理员', en: `central refused the sign-in request (${stringOr(p('reason'), '')})` }),
} satisfies Record<string, Wording>;

const HELPER_CARD: Record<RefusalKind<'helperCard'>, Wording> = {
  ...HELPER_CARD_WORDS,
  timeout: () => ({ zh: '未读到证件，请将证件放在读卡区', en: 'no card read yet' }),
};

const HELPER_SIGN_IN: Record<RefusalKind<'helperSignIn'>, Wording> = {
  ...HELPER_CARD_WORDS,
  'no-card': () => ({ zh: '请先将帮办人员本人证件放在读卡区', en: 'place the helper’s own card on the reader first' }),
  locked: (p) =>
    p('scope') === 'screen'
      ? { zh: '本机输错次数过多，帮办登录已暂停，请稍后再试', en: 'too many wrong PINs on this terminal: helper sign-in is paused for now' }
      : { zh: '输错次数过多，该帮办人员已被锁定，请稍后再试', en: 'too many wrong PINs: this helper is locked out for now' },
  'wrong-pin': (p) => {
    const left = typeof p('attemptsLeft') === 'number' ? String(p('attemptsLeft')) : '';
    return { zh: `密码不正确，还可尝试 ${left} 次`, en: `wrong PIN, ${left} tries left` };
  },
};

const HELPER: Record<RefusalKind<'helper'>, Wording> = {
  'helper-only': () => ({ zh: '请帮办人员先登录', en: 'helpers only: please sign in first' }),
};

/** 远程帮办 with the hall. */
const HELP: Record<RefusalKind<'help'>, Wording> = {
  offline: () => ({ zh: '暂时连不上服务大厅，请稍后再试或拨打咨询电话', en: 'cannot reach the service hall right now: try again later or call the hotline' }),
  'no-call': () => ({ zh: '当前没有视频帮办通话', en: 'there is no video call' }),
  over: () => ({ zh: '通话已结束', en: 'the call is over' }),
  refused: () => ({ zh: '服务大厅拒绝了请求', en: 'the service hall refused the request' }),
  busy: () => ({ zh: '已在视频帮办中', en: 'already in a video call' }),
};

/** The maintenance screens without a live technician session. */
const TECHNICIAN: Record<RefusalKind<'technician'>, Wording> = {
  'technician-only': () => ({ zh: '仅限技术人员，请先进入维护模式', en: 'technicians only: enter maintenance mode first' }),
};

/** Each area words its own codes (an area may still leave some to the backend's message). */
const WORDS: { [A in RefusalArea]?: Partial<Record<RefusalKind<A>, Wording>> } = {
  http: HTTP_REFUSAL_WORDS,
  journey: JOURNEY,
  devices: DEVICE_REFUSAL_WORDS,
  maintenance: MAINTENANCE_REFUSAL_WORDS,
  technician: TECHNICIAN,
  catalog: CATALOG,
  submissions: SUBMISSIONS,
  rating: RATING,
  face: FACE,
  followup: FOLLOWUP,
  helperCard: HELPER_CARD,
  helperSignIn: HELPER_SIGN_IN,
  helper: HELPER,
  help: HELP,
};

const stringOr = (v: unknown, otherwise: string) => (typeof v === 'string' ? v : otherwise);
const stringsOf = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const isNotPrintable = (v: unknown): v is NotPrintable => typeof v === 'string' && Object.hasOwn(NOT_PRINTABLE_TEXT, v);
/** An own entry only: `toString` is not a code, whatever the body says. */
const own = (table: object, key: string): unknown => (Object.hasOwn(table, key) ? Object.getOwnPropertyDescriptor(table, key)?.value : undefined);

/**
 * The sentence for a refusal of `area` (as the answer named it) with code `code` and the body's
 * parameters, or null for an area or code this table does not word.
 */
export function refusalText(area: unknown, code: string, body: unknown): string | null {
  if (typeof area !== 'string') return null;
  const table = own(WORDS, area);
  const wording = typeof table === 'object' && table !== null ? own(table, code) : undefined;
  if (typeof wording !== 'function') return null;
  const param: Param = (key) => (typeof body === 'object' && body !== null ? Object.getOwnPropertyDescriptor(body, key)?.value : undefined);
  return bilingual((wording as Wording)(param));
}
