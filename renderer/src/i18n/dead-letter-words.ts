// The words for a dead letter's code on the technician's queue panel: why a submission stopped
// syncing and waits for a person. The code is the kiosk's own (`undecryptable`) or central's
// (a batch item's `code`, or the `error` of a refused upload or batch, central/API.md); the
// stored `reason` is the detail for the technician (central's message, the decryption error),
// shown under these words as it came. Chinese first, English second.
import { bilingual, wordsOr, type Words } from '../../../common/device-words';

const WORDS: Record<string, Words> = {
  // the kiosk's own
  undecryptable: { zh: '无法解密，密钥可能已更换', en: 'cannot decrypt (key changed?)' },
  // a submission central will not take as it is (a batch item's code)
  invalid: { zh: '中心认为申请内容不符合要求', en: 'central found the submission not valid' },
  'unknown-service': { zh: '中心的事项清单中没有该事项', en: 'the service is not in central’s list' },
  'key-reused': { zh: '该幂等键在中心已用于另一份申请', en: 'central holds another submission under this idempotency key' },
  'receipt-terminal-mismatch': { zh: '回执编号不属于本终端', en: 'the receipt number was not issued by this terminal' },
  'receipt-taken': { zh: '中心已有案件使用该回执编号', en: 'another case at central already holds this receipt number' },
  'helper-unverified': { zh: '帮办人员登录凭证无效', en: 'no valid helper sign-in proof for this submission' },
  'digest-suite-mismatch': { zh: '本终端登记为国密套件，中心拒绝 SHA-256 摘要', en: 'this terminal is registered for the sm suite: SHA-256 digests are refused' },
  // a refused upload or batch request (central's HTTP error codes)
  'invalid-request': { zh: '中心认为请求内容不符合要求', en: 'central found the request not valid' },
  'not-json': { zh: '请求体不是合法 JSON', en: 'the body was not valid JSON' },
  'too-large': { zh: '请求超过中心的大小限制', en: 'the request was over central’s size limit' },
  'unsupported-media-type': { zh: '请求的内容类型不被接受', en: 'central did not accept the content type' },
  'method-not-allowed': { zh: '中心不支持此请求方法', en: 'central does not take this method there' },
  conflict: { zh: '同一摘要的附件大小不一致', en: 'the same digest was declared with another size' },
  'empty-chunk': { zh: '附件分片为空', en: 'an attachment chunk was empty' },
  'too-long': { zh: '附件分片超出声明大小', en: 'a chunk went past the declared size' },
  'not-found': { zh: '中心找不到该附件或接口', en: 'central found no such attachment or endpoint' },
  // the reference central's fault injection (development and tests)
  'injected-reject': { zh: '中心按故障注入拒收了这份申请（测试）', en: 'central refused it by an injected fault (test)' },
};

/** A dead letter's code as the technician reads it; a code central adds later is named as it came. */
export function deadLetterText(code: string): string {
  return bilingual(wordsOr(WORDS, code, { zh: `中心拒绝了这份申请（${code}）`, en: `central refused this submission (${code})` }));
}
