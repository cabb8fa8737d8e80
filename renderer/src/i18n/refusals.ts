// The words for the backend's refusal codes. The backend answers `{ error: code, area, …params }`
// (http/refusals.ts); `call()` puts these words in the refusal's `message`, so every screen shows
// them the way it showed the backend's own sentence. Looked up by area and code: `not-found` is a
// case at 办件进度查询 and a rating's receipt at 好差评. Chinese first, English second, on one line:
// the citizen and whoever helps them may read either.
import type { CardProblem } from '../../../common/journey/identity';
import type { RefusalArea, RefusalKind } from '../../../main/backend/http/refusals';

type Words = { zh: string; en: string };

export const CARD_PROBLEM_TEXT: Record<CardProblem, Words> = {
  'card-expired': { zh: '证件已过有效期，请到窗口办理', en: 'The card has expired; please go to the counter' },
  'card-not-accepted-here': { zh: '此类证件暂不能在自助机提交申请，请到窗口办理', en: 'Applications with this card cannot be made at the kiosk yet; please go to the counter' },
};

/** The application journey's refusals that come as codes (the outbox's still bring their own message). */
type JourneyCode = Exclude<RefusalKind<'journey'>, 'invalid' | 'key-reused' | 'disk-full' | 'storage'>;

/** A refusal's parameter as the backend sent it (the body is read defensively: it crossed a boundary). */
type Param = (key: string) => unknown;

type Wording = (param: Param) => Words;

const JOURNEY: Record<JourneyCode, Wording> = {
  'catalog-unavailable': () => ({ zh: '事项清单尚未同步，暂不能申请', en: 'the service list is not available yet' }),
  'unknown-service': () => ({ zh: '未找到该事项', en: 'no such service' }),
  'not-at-kiosk': (p) => ({ zh: `该事项不能在自助机全程办理：${stringOr(p('note'), '请到窗口办理')}`, en: 'this service cannot be completed at the kiosk' }),
  'no-card': () => ({ zh: '请先在读卡区放置身份证', en: 'please place your ID card on the reader first' }),
  'card-not-accepted': (p) => CARD_PROBLEM_TEXT[p('problem') === 'card-expired' ? 'card-expired' : 'card-not-accepted-here'],
  'face-check-needed': () => ({ zh: '请先完成人证核验', en: 'please complete the face check first' }),
  'helper-not-signed-in': () => ({ zh: '帮办人员未登录或已超时退出，请重新登录', en: 'the helper is not signed in (or was signed out)' }),
  'unknown-page': () => ({ zh: '有页面已不在本机，请重新扫描', en: 'some pages are gone, please scan again' }),
  'materials-missing': () => ({ zh: '材料不齐全，不能提交，请打印一次性告知单', en: 'materials are missing: the application cannot be submitted' }),
  'commitment-needed': () => ({ zh: '容缺材料须签署告知承诺书', en: 'sign the commitment for the owed materials' }),
  'form-invalid': () => ({ zh: '申请表有需要修改的地方', en: 'the form needs corrections' }),
  'not-missing': () => ({ zh: '材料已齐全或可容缺，无需告知单', en: 'nothing is missing that needs a notice' }),
};

export const bilingual = (w: Words) => `${w.zh} / ${w.en}`;

/** Each area words its own codes (an area may still leave some to the backend's message). */
const WORDS: { [A in RefusalArea]?: Partial<Record<RefusalKind<A>, Wording>> } = {
  journey: JOURNEY,
};

const stringOr = (v: unknown, otherwise: string) => (typeof v === 'string' ? v : otherwise);
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
