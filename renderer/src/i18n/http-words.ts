// The words for the HTTP layer's own refusals (area `http`): an unknown API path, a body over its
// cap, not JSON or not what the route takes, and a crash the backend logged. A screen meets these
// only through a fault of its own or of the kiosk; Chinese first, English second.
import type { RefusalCodes } from '../../../common/api/kiosk-api-types';
import type { Words } from '../../../common/device-words';
import type { Wording } from './device-words';

/** The request never reached the backend (it is down or restarting): no answer, so no refusal code. */
export const BACKEND_UNREACHABLE: Words = { zh: '无法连接终端服务', en: 'cannot reach the kiosk backend' };
/** The same, when the citizen pressed submit: they must know nothing was sent. */
export const BACKEND_UNREACHABLE_NOT_SUBMITTED: Words = { zh: '无法连接终端服务，申请未提交', en: 'cannot reach the kiosk backend: nothing was submitted' };

export const HTTP_REFUSAL_WORDS: Record<RefusalCodes['http'], Wording> = {
  'not-found': () => ({ zh: '没有这项功能', en: 'no such API route' }),
  'too-large': (p) => {
    const limit = p('limit');
    return typeof limit === 'number'
      ? { zh: `请求内容过大（上限 ${Math.ceil(limit / 1024)} KB）`, en: `the request body is too large (limit ${limit} bytes)` }
      : { zh: '请求内容过大', en: 'the request body is too large' };
  },
  'unsupported-media-type': () => ({ zh: '请求体应为 JSON', en: 'the body must be application/json' }),
  'not-json': () => ({ zh: '请求体不是合法的 JSON', en: 'the body is not valid JSON' }),
  'invalid-request': () => ({ zh: '请求内容不符合要求', en: 'the request is not valid' }),
  internal: () => ({ zh: '系统暂时出错，请稍后再试', en: 'Something went wrong, please try again.' }),
};
