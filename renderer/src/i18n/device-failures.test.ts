// Every code a device failure can carry has words in both languages, and the screens say the
// printer's reason, not a sentence the backend built.
import { describe, expect, it } from 'vitest';
import { A4_FAILURES, CARD_READ_PROBLEMS, FACE_FAILURES, PHOTO_PROBLEMS, RECEIPT_HELD_REASONS, type ReceiptNotPrinted } from '../../../common/device-failures';
import type { Words } from '../../../common/device-words';
import { A4_FAILURE_WORDS, CARD_READ_PROBLEM_WORDS, FACE_FAILURE_WORDS, PHOTO_PROBLEM_WORDS, RECEIPT_NOT_PRINTED_WORDS, speechStatusWords, a4FailureWords, receiptHeldWords } from './device-failures';
import { JOURNEY_STRINGS } from '../journey/strings';
import { refusalText } from './refusals';
import { selfTestText } from './device-words';

const CJK = /[\u3400-\u9fff]/;
const bothLanguages = (w: Words, what: string) => {
  expect(w.zh, `${what} zh`).toMatch(CJK);
  expect(w.en, `${what} en`).toMatch(/[a-z]/i);
  expect(w.en, `${what} en`).not.toMatch(CJK);
};

describe('device failure words', () => {
  it('words every reason a receipt did not print, in Chinese and English', () => {
    const reasons: ReceiptNotPrinted[] = [...RECEIPT_HELD_REASONS, 'no-claim', 'invalid'];
    expect(Object.keys(RECEIPT_NOT_PRINTED_WORDS).sort()).toEqual([...reasons].sort());
    for (const r of reasons) bothLanguages(RECEIPT_NOT_PRINTED_WORDS[r], r);
  });

  it('tells the citizen at the receipt step why the receipt is kept, in the screen’s language', () => {
    expect(JOURNEY_STRINGS['zh-CN'].receiptHeld('paper-out')).toBe('凭条打印机缺纸，凭条已保留，装纸后可重新打印。请记下回执编号，工作人员处理后可补打回执。');
    expect(JOURNEY_STRINGS.en.receiptHeld('cover-open')).toBe('Printer cover open: the receipt is kept and can be reprinted. Please note the receipt number; staff can reprint the receipt.');
    expect(JOURNEY_STRINGS['zh-CN'].receiptHeld('no-claim')).toContain('请联系工作人员');
  });

  it('words a held receipt’s reprint by the reason the body carries, and an unknown reason as a printer fault', () => {
    expect(refusalText('devices', 'held', { error: 'held', area: 'devices', jobId: 'j', reason: 'unplugged' })).toBe(
      '凭条打印机未连接，凭条已保留 / Printer not connected: the receipt is kept and can be reprinted.',
    );
    expect(refusalText('devices', 'no-held-receipt', { error: 'no-held-receipt' })).toBe('没有这张待重打的凭条 / no such held receipt');
    expect(receiptHeldWords('toString')).toEqual(RECEIPT_NOT_PRINTED_WORDS['printer-error']);
  });

  it('words every A4 failure, and a follow-up print refused by the printer says why', () => {
    expect(Object.keys(A4_FAILURE_WORDS).sort()).toEqual([...A4_FAILURES].sort());
    for (const f of A4_FAILURES) bothLanguages(A4_FAILURE_WORDS[f], f);
    expect(refusalText('followup', 'printer', { error: 'printer', area: 'followup', failure: 'stopped-cancelled' })).toBe(
      'A4 打印机已停止，本次打印已取消，请到窗口打印 / The printer stopped and the job was cancelled: please print at the counter.',
    );
    expect(a4FailureWords(undefined)).toEqual(A4_FAILURE_WORDS.failed);
  });

  it('words every reason 人证核验 gave no verdict, whatever cause the verifier logged', () => {
    expect(Object.keys(FACE_FAILURE_WORDS).sort()).toEqual([...FACE_FAILURES].sort());
    for (const f of FACE_FAILURES) bothLanguages(FACE_FAILURE_WORDS[f](), f);
    expect(refusalText('face', 'no-face', { error: 'no-face', area: 'face', retryable: true })).toBe(
      '未检测到人脸，请正对摄像头，摘下帽子和口罩后重试 / no face found: face the camera without hat or mask and try again',
    );
  });

  it('words every reason a card read gave no photo, and the card self-test says it beside the read', () => {
    expect(Object.keys(PHOTO_PROBLEM_WORDS).sort()).toEqual([...PHOTO_PROBLEMS].sort());
    for (const p of PHOTO_PROBLEMS) bothLanguages(PHOTO_PROBLEM_WORDS[p], p);
    expect(new Set(PHOTO_PROBLEMS.map((p) => PHOTO_PROBLEM_WORDS[p].zh)).size).toBe(PHOTO_PROBLEMS.length);
    expect(selfTestText({ ok: true, code: 'card-read', photo: 'decoder-refused', detail: {}, device: 'id-card-reader' })).toBe(
      '读卡正常（内容不显示）；证件照片未能取得：证件照片解码库拒绝解码该照片 / card read OK (contents not shown); no card photo: the card-photo decoder refused the photo',
    );
    expect(selfTestText({ ok: true, code: 'card-read', photo: null, detail: {}, device: 'id-card-reader' })).toBe('读卡正常（内容不显示） / card read OK (contents not shown)');
  });

  it('words every reason a card gave no identity, for the identify step and the card self-test', () => {
    expect(Object.keys(CARD_READ_PROBLEM_WORDS).sort()).toEqual([...CARD_READ_PROBLEMS].sort());
    for (const p of CARD_READ_PROBLEMS) bothLanguages(CARD_READ_PROBLEM_WORDS[p], p);
    expect(selfTestText({ ok: false, code: 'card-error', problem: 'id-number', detail: {}, device: 'id-card-reader' })).toBe(
      '证件号码校验失败，请重新放置证件 / The card number failed its check, please place the card again.',
    );
  });

  it('words the speech service’s status for the technician, Chinese first', () => {
    expect(speechStatusWords({ state: 'ready', modules: ['espeak-ng'] })).toEqual({ zh: '语音播报正常', en: 'speech ready (espeak-ng)' });
    for (const reason of ['no-service', 'no-voice', 'error'] as const) bothLanguages(speechStatusWords({ state: 'unavailable', reason, detail: 'x' }), reason);
    expect(speechStatusWords({ state: 'unavailable', reason: 'no-service', detail: 'no socket at /run/x' }).en).toBe('speech-dispatcher is not running: no socket at /run/x');
  });
});
