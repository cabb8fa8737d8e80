// The words for a device and its status, Chinese first, English second. Data, read by the two
// places that show a status to a person: the renderer's string table (renderer/src/i18n/devices.ts:
// maintenance screen, identify step) and central's fleet page, which may not import the renderer
// and is Chinese-first too. One table so a technician reads the same sentence on the kiosk and on
// the fleet page. The backend, devices and queue never import it: they hand over the structured
// status (`DeviceStatusView.status`, the heartbeat's `status`), and the words are chosen where
// they are shown (scripts/no-sentences.test.ts keeps it that way).
import type { AnyDeviceStatus, DeviceKind, DeviceLimitation, OfflineReason } from './devices';

export type Words = { zh: string; en: string };

/**
 * What a table holds for a code that crossed a boundary, or `otherwise` for a code it does not know
 * (a newer terminal's, central's): an own entry only, so `toString` is never a code.
 */
export function wordsOr<T>(table: Readonly<Record<string, T>>, code: string, otherwise: T): T {
  return Object.hasOwn(table, code) ? table[code]! : otherwise;
}

export const DEVICE_NAME_WORDS: Record<DeviceKind, Words> = {
  'id-card-reader': { zh: '身份证阅读器', en: 'ID card reader' },
  'receipt-printer': { zh: '凭条打印机', en: 'receipt printer' },
  'a4-printer': { zh: 'A4 打印机', en: 'A4 printer' },
  scanner: { zh: '扫描仪', en: 'scanner' },
  'code-scanner': { zh: '扫码器', en: 'code scanner' },
  'social-card-reader': { zh: '社保卡读卡器', en: 'social security card reader' },
};

export const OFFLINE_REASON_WORDS: Record<OfflineReason, Words> = {
  'not-configured': { zh: '未配置', en: 'not configured' },
  'not-found': { zh: '未找到设备', en: 'device not found' },
  unplugged: { zh: '设备已断开', en: 'device disconnected' },
  'no-response': { zh: '设备无响应', en: 'device does not respond' },
  unavailable: { zh: '所需系统服务不可用', en: 'a required system service is unavailable' },
  error: { zh: '设备故障', en: 'device error' },
};

/**
 * A device status as it crosses a boundary (the status stream, the heartbeat): the state and the
 * parameters some states carry. Every `AnyDeviceStatus` is one; a newer terminal may send a state
 * this table does not know yet, which is then shown as its code.
 */
export type StatusParams = { state: string; reason?: string; detail?: string; sw3?: number; paperNearEnd?: boolean };

type Wording = (s: StatusParams) => Words;

/** One entry per state of `AnyDeviceStatus` (the compiler checks none is missing). */
export const DEVICE_STATE_WORDS = {
  offline: (s) => {
    const reason = wordsOr(OFFLINE_REASON_WORDS, s.reason ?? 'error', OFFLINE_REASON_WORDS.error);
    return { zh: reason.zh, en: `${reason.en}${s.detail ? `（${s.detail}）` : ''}` };
  },
  ready: (s) => (s.paperNearEnd ? { zh: '纸将用尽，请及时换纸', en: 'paper near end' } : { zh: '就绪', en: 'ready' }),
  reading: () => ({ zh: '正在读卡，请勿移动证件', en: 'reading, keep the card still' }),
  'card-held': () => ({ zh: '已读取，请取走证件', en: 'card read, please remove it' }),
  'sam-fault': (s) => ({ zh: `安全模块故障 (SW3=${(s.sw3 ?? 0).toString(16)})`, en: 'security module fault' }),
  printing: () => ({ zh: '正在打印', en: 'printing' }),
  'paper-out': () => ({ zh: '缺纸，请装纸', en: 'paper out' }),
  'cover-open': () => ({ zh: '机盖打开，请合上', en: 'cover open' }),
  'cutter-error': () => ({ zh: '切刀故障', en: 'cutter error' }),
  'printer-error': (s) => ({ zh: '打印机故障', en: `printer error (${s.detail ?? ''})` }),
  stopped: (s) => ({ zh: '打印队列已停止', en: `print queue stopped${s.detail ? `: ${s.detail}` : ''}` }),
  scanning: () => ({ zh: '正在扫描', en: 'scanning' }),
  jammed: () => ({ zh: '卡纸，请清除后重试', en: 'paper jam, clear it and try again' }),
} satisfies Record<AnyDeviceStatus['state'], Wording>;

export type DeviceState = keyof typeof DEVICE_STATE_WORDS;

/** "中文 / English". */
export const bilingual = (w: Words) => `${w.zh} / ${w.en}`;

/** The name of a device kind, or the kind itself for one this table does not know (a newer terminal's). */
export function deviceNameWords(device: string): Words {
  return wordsOr(DEVICE_NAME_WORDS, device, { zh: device, en: device });
}

export const LIMITATION_WORDS: Record<DeviceLimitation, Words> = {
  'no-photo-decoder': { zh: '未配置照片解码库 (photoDecoder)，人证核验不可用', en: 'no photo decoder configured: 人证核验 (face check) is unavailable' },
};

/** "身份证阅读器 / ID card reader：就绪 / ready" — the line the maintenance screen and the fleet page show. */
export function deviceStatusLine(device: string, status: StatusParams, limitation?: DeviceLimitation): string {
  const words = wordsOr<Wording>(DEVICE_STATE_WORDS, status.state, () => ({ zh: status.state, en: status.state }))(status);
  const line = `${bilingual(deviceNameWords(device))}：${bilingual(words)}`;
  return limitation ? `${line}；${bilingual(LIMITATION_WORDS[limitation])}` : line;
}
