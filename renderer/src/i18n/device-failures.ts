// The words for why a device operation failed (common/device-failures.ts): the devices and the
// backend send the code and its parameters, the screens say it here. Chinese first, English second.
import {
  A4_FAILURES,
  RECEIPT_HELD_REASONS,
  type A4Failure,
  type CardReadProblem,
  type FaceFailure,
  type PhotoProblem,
  type ReceiptHeldReason,
  type ReceiptNotPrinted,
} from '../../../common/device-failures';
import type { Words } from '../../../common/device-words';

const KEPT = { zh: '凭条已保留', en: 'the receipt is kept and can be reprinted' };

/** Why the receipt did not come out (the receipt step, a held receipt's reprint). */
export const RECEIPT_NOT_PRINTED_WORDS: Record<ReceiptNotPrinted, Words> = {
  'paper-out': { zh: `凭条打印机缺纸，${KEPT.zh}，装纸后可重新打印`, en: `Out of paper: ${KEPT.en}.` },
  'cover-open': { zh: `凭条打印机机盖打开，${KEPT.zh}`, en: `Printer cover open: ${KEPT.en}.` },
  'cutter-error': { zh: `凭条打印机切刀故障，${KEPT.zh}`, en: `Cutter error: ${KEPT.en}.` },
  'printer-error': { zh: `凭条打印机故障，${KEPT.zh}`, en: `Printer error: ${KEPT.en}.` },
  unplugged: { zh: `凭条打印机未连接，${KEPT.zh}`, en: `Printer not connected: ${KEPT.en}.` },
  'no-response': { zh: `凭条打印机无响应，${KEPT.zh}`, en: `Printer not answering: ${KEPT.en}.` },
  'no-claim': { zh: '回执无法在本机重印，请联系工作人员', en: 'This receipt cannot be printed again here: please ask staff.' },
  invalid: { zh: '回执未能生成，请联系工作人员', en: 'The receipt could not be made: please ask staff.' },
};

/** A held reason as a body carried it (it crossed a boundary), or the printer's general fault. */
export function receiptHeldWords(reason: unknown): Words {
  const known = (RECEIPT_HELD_REASONS as readonly unknown[]).includes(reason);
  return RECEIPT_NOT_PRINTED_WORDS[known ? (reason as ReceiptHeldReason) : 'printer-error'];
}

const AT_COUNTER = { zh: '请到窗口打印', en: 'please print at the counter' };

/** Why an A4 print did not come out (follow-up printing, the technician's self-test). */
export const A4_FAILURE_WORDS: Record<A4Failure, Words> = {
  'service-unavailable': { zh: `A4 打印服务不可用，${AT_COUNTER.zh}`, en: `The print service is unavailable: ${AT_COUNTER.en}.` },
  'service-lost': { zh: `A4 打印服务中断，${AT_COUNTER.zh}`, en: `The print service went away: ${AT_COUNTER.en}.` },
  'not-available': { zh: `A4 打印机不可用，${AT_COUNTER.zh}`, en: `The A4 printer is not available: ${AT_COUNTER.en}.` },
  refused: { zh: `A4 打印机拒绝了作业，${AT_COUNTER.zh}`, en: `The printer refused the job: ${AT_COUNTER.en}.` },
  stopped: { zh: `A4 打印机已停止，${AT_COUNTER.zh}`, en: `The A4 printer is stopped: ${AT_COUNTER.en}.` },
  'stopped-cancelled': { zh: `A4 打印机已停止，本次打印已取消，${AT_COUNTER.zh}`, en: `The printer stopped and the job was cancelled: ${AT_COUNTER.en}.` },
  failed: { zh: 'A4 打印失败，请重试或到窗口打印', en: 'Printing failed: try again or print at the counter.' },
  timeout: { zh: `A4 打印超时，已取消，${AT_COUNTER.zh}`, en: `Printing timed out and was cancelled: ${AT_COUNTER.en}.` },
  'not-a-pdf': { zh: '文件不是 PDF，无法打印', en: 'The document is not a PDF and cannot be printed.' },
  'no-font': { zh: '无法生成 PDF（未找到中文字体），请联系工作人员', en: 'The PDF cannot be made (no Chinese font): please ask staff.' },
};

/** An A4 failure as a body carried it (it crossed a boundary), or a plain print failure. */
export function a4FailureWords(failure: unknown): Words {
  return A4_FAILURE_WORDS[(A4_FAILURES as readonly unknown[]).includes(failure) ? (failure as A4Failure) : 'failed'];
}

/** Why 人证核验 gave no verdict (the face-check screen; the backend's `face` refusals). */
export const FACE_FAILURE_WORDS: Record<FaceFailure, () => Words> = {
  unavailable: () => ({ zh: '人证核验暂不可用，请到窗口办理', en: 'face verification is not available now, please go to the counter' }),
  'no-face': () => ({ zh: '未检测到人脸，请正对摄像头，摘下帽子和口罩后重试', en: 'no face found: face the camera without hat or mask and try again' }),
  'bad-image': () => ({ zh: '照片无法识别，请重新拍摄', en: 'the picture could not be read, please take it again' }),
  timeout: () => ({ zh: '核验超时，请重试', en: 'verification timed out, please try again' }),
};

/** A parameter of a body that crossed a boundary, by key. */
type Param = (key: string) => unknown;
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : '?');

/** Why an image cannot be a page (the page inbox's `problem` and its figures). */
export function pageProblemWords(p: Param): Words {
  switch (p('problem')) {
    case 'too-large':
      return { zh: `图片过大（${num(p('mb'))} MB），不能超过 ${num(p('maxMb'))} MB`, en: `image larger than ${num(p('maxMb'))} MB` };
    case 'too-small':
      return { zh: `图片太小（${num(p('width'))}×${num(p('height'))}），无法辨认`, en: `image too small to read (${num(p('width'))}×${num(p('height'))})` };
    case 'too-many-pages':
      return { zh: '待提交页数已达上限', en: 'too many pages waiting' };
    default:
      return { zh: '不是 JPEG 或 PNG 图片', en: 'not a JPEG or PNG image' };
  }
}

/** A scan whose pages the inbox refused: which page, and why. */
export function unusablePagesWords(unusable: unknown): Words {
  if (typeof unusable !== 'object' || unusable === null) return { zh: '部分页面无法使用', en: 'some pages could not be used' };
  const p: Param = (key) => Object.getOwnPropertyDescriptor(unusable, key)?.value;
  const why = pageProblemWords(p);
  return { zh: `第 ${num(p('page'))} 页无法使用：${why.zh}`, en: `page ${num(p('page'))} could not be used: ${why.en}` };
}

/** Why a card on the reader gave no identity (the identify step, the technician's card self-test). */
export const CARD_READ_PROBLEM_WORDS: Record<CardReadProblem, Words> = {
  'no-read': { zh: '读卡失败，请将证件重新放置在感应区', en: 'Could not read the card, please place it again.' },
  incomplete: { zh: '读卡数据不完整，请重新放置证件', en: 'Incomplete card data, please place the card again.' },
  'text-length': { zh: '证件信息长度异常，请重新放置证件', en: 'The card data has the wrong length, please place the card again.' },
  'unknown-card-type': { zh: '不支持的证件类型，请到窗口办理', en: 'This card type is not supported: please go to the counter.' },
  'bad-field': { zh: '证件信息不完整，请重新放置证件', en: 'The card data is incomplete, please place the card again.' },
  'id-number': { zh: '证件号码校验失败，请重新放置证件', en: 'The card number failed its check, please place the card again.' },
  // the 社保卡 reader's (devices/social-card/)
  'not-social-card': { zh: '这张卡不是社会保障卡，请插入社保卡或使用身份证', en: 'This is not a social security card: insert your social security card or use your ID card.' },
  'social-card-unreadable': { zh: '社保卡读取失败，请取出后重新插入', en: 'Could not read the social security card: take it out and insert it again.' },
  'social-card-invalid': { zh: '社保卡信息无法识别，请使用身份证或到人工窗口办理', en: 'The social security card data cannot be used: please use your ID card or go to the counter.' },
};

/** Why a card read gave no photo for 人证核验 (the technician's card self-test). */
export const PHOTO_PROBLEM_WORDS: Record<PhotoProblem, Words> = {
  'no-decoder': { zh: '本机未安装证件照片解码库，无法人证核验', en: 'no card-photo decoder is installed: no face check here' },
  'bad-photo-data': { zh: '读到的照片数据长度异常', en: 'the photo data read from the card has the wrong length' },
  'decoder-unavailable': { zh: '证件照片解码库无法加载', en: 'the card-photo decoder could not be loaded' },
  'decoder-failed': { zh: '证件照片解码库出错或无响应', en: 'the card-photo decoder failed or did not answer' },
  'decoder-refused': { zh: '证件照片解码库拒绝解码该照片', en: 'the card-photo decoder refused the photo' },
  'social-card-has-no-photo': { zh: '社保卡不含照片', en: 'a social security card carries no photo' },
  'netid-has-no-photo': { zh: '网证不含照片', en: 'a network identity carries no photo' },
};

/** The speech service's status as the technician reads it (the maintenance screen's terminal facts). */
export type SpeechStatusView = { state: 'ready'; modules: string[] } | { state: 'unavailable'; reason: 'no-service' | 'no-voice' | 'error'; detail: string };

export function speechStatusWords(s: SpeechStatusView): Words {
  if (s.state === 'ready') return { zh: '语音播报正常', en: `speech ready (${s.modules.join(', ')})` };
  switch (s.reason) {
    case 'no-service':
      return { zh: '语音服务未运行（speech-dispatcher）', en: `speech-dispatcher is not running: ${s.detail}` };
    case 'no-voice':
      return { zh: '语音服务没有可用的语音模块，请安装 speech-dispatcher-espeak-ng', en: 'speech-dispatcher has no output module: install speech-dispatcher-espeak-ng' };
    case 'error':
      return { zh: '语音服务出错', en: `speech-dispatcher error: ${s.detail}` };
  }
}
