// Device types shared by the backend and the renderer: what each device can be doing, how
// healthy it is, and the identity read from a card. No Node APIs here (the renderer imports it).

export type DeviceKind = 'id-card-reader' | 'receipt-printer' | 'a4-printer' | 'scanner' | 'code-scanner';
export const DEVICE_KINDS: readonly DeviceKind[] = ['id-card-reader', 'receipt-printer', 'a4-printer', 'scanner', 'code-scanner'];

/** ok: works; degraded: works but needs attention soon; offline: cannot serve citizens now. */
export type DeviceHealth = 'ok' | 'degraded' | 'offline';

export type OfflineReason =
  | 'not-configured'
  | 'not-found' // the port / queue / scanner does not exist
  | 'unplugged' // it was there and went away (I/O error, hangup)
  | 'no-response' // the port is open but the device does not answer
  | 'unavailable' // a system service it needs is missing (socat, cupsd, scanimage)
  | 'error';

export type Offline = { state: 'offline'; reason: OfflineReason; detail: string };

/** One `{ state }` member per name: the states that carry nothing else. */
type Bare<S extends string> = S extends string ? { state: S } : never;

/** card-held: a card was read; the reader accepts the next only after this one left the field */
export type IdCardReaderStatus = Offline | Bare<'ready' | 'reading' | 'card-held'> | { state: 'sam-fault'; sw3: number };

export type ReceiptPrinterStatus =
  Offline | { state: 'ready'; paperNearEnd: boolean } | { state: 'printing'; paperNearEnd: boolean } | Bare<'paper-out' | 'cover-open' | 'cutter-error'> | { state: 'printer-error'; detail: string };

export type A4PrinterStatus =
  | Offline
  | { state: 'ready' }
  | { state: 'printing'; jobId: number }
  /** the queue is stopped or paused (cupsdisable, printer fault); detail is CUPS's reason */
  | { state: 'stopped'; detail: string };

export type ScannerStatus = Offline | Bare<'ready' | 'scanning' | 'jammed' | 'cover-open'>;

export type CodeScannerStatus = Offline | Bare<'ready'>;

export interface DeviceStatusMap {
  'id-card-reader': IdCardReaderStatus;
  'receipt-printer': ReceiptPrinterStatus;
  'a4-printer': A4PrinterStatus;
  scanner: ScannerStatus;
  'code-scanner': CodeScannerStatus;
}
export type AnyDeviceStatus = DeviceStatusMap[DeviceKind];

export interface Consumables {
  paper?: 'ok' | 'near-end' | 'out';
  /** receipts that failed (paper out, cover open, unplugged) and wait to be reprinted */
  heldJobs?: number;
}

/** What the backend publishes for one device. */
export type DeviceStatusView = {
  [K in DeviceKind]: {
    device: K;
    mode: string;
    health: DeviceHealth;
    status: DeviceStatusMap[K];
    /** Chinese first, English second; for the technician screen and the citizen's hint */
    message: string;
    since: string;
    consumables: Consumables | null;
  };
}[DeviceKind];

const OFFLINE_TEXT: Record<OfflineReason, string> = {
  'not-configured': '未配置 / not configured',
  'not-found': '未找到设备 / device not found',
  unplugged: '设备已断开 / device disconnected',
  'no-response': '设备无响应 / device does not respond',
  unavailable: '所需系统服务不可用 / a required system service is unavailable',
  error: '设备故障 / device error',
};

const DEVICE_NAME: Record<DeviceKind, string> = {
  'id-card-reader': '身份证阅读器 / ID card reader',
  'receipt-printer': '凭条打印机 / receipt printer',
  'a4-printer': 'A4 打印机 / A4 printer',
  scanner: '扫描仪 / scanner',
  'code-scanner': '扫码器 / code scanner',
};

export function deviceName(kind: DeviceKind): string {
  return DEVICE_NAME[kind];
}

/** Health of a status: the single rule the supervisor, the API and the renderer agree on. */
export function healthOf(status: AnyDeviceStatus, consumables?: Consumables | null): DeviceHealth {
  switch (status.state) {
    case 'offline':
    case 'sam-fault':
    case 'paper-out':
    case 'cover-open':
    case 'cutter-error':
    case 'printer-error':
    case 'stopped':
      return 'offline';
    case 'jammed':
      return 'degraded';
    case 'ready':
    case 'printing':
      if ('paperNearEnd' in status && status.paperNearEnd) return 'degraded';
      return consumables?.heldJobs ? 'degraded' : 'ok';
    default:
      return 'ok';
  }
}

export function describeStatus(kind: DeviceKind, status: AnyDeviceStatus): string {
  const name = DEVICE_NAME[kind];
  switch (status.state) {
    case 'offline':
      return `${name}：${OFFLINE_TEXT[status.reason]}${status.detail ? `（${status.detail}）` : ''}`;
    case 'ready':
      return 'paperNearEnd' in status && status.paperNearEnd ? `${name}：纸将用尽，请及时换纸 / paper near end` : `${name}：就绪 / ready`;
    case 'reading':
      return `${name}：正在读卡，请勿移动证件 / reading, keep the card still`;
    case 'card-held':
      return `${name}：已读取，请取走证件 / card read, please remove it`;
    case 'sam-fault':
      return `${name}：安全模块故障 (SW3=${status.sw3.toString(16)}) / security module fault`;
    case 'printing':
      return `${name}：正在打印 / printing`;
    case 'paper-out':
      return `${name}：缺纸，请装纸 / paper out`;
    case 'cover-open':
      return `${name}：机盖打开，请合上 / cover open`;
    case 'cutter-error':
      return `${name}：切刀故障 / cutter error`;
    case 'printer-error':
      return `${name}：打印机故障 / printer error (${status.detail})`;
    case 'stopped':
      return `${name}：打印队列已停止 / print queue stopped${status.detail ? `: ${status.detail}` : ''}`;
    case 'scanning':
      return `${name}：正在扫描 / scanning`;
    case 'jammed':
      return `${name}：卡纸，请清除后重试 / paper jam, clear it and try again`;
  }
}

// ---------------------------------------------------------------------------------------------
// Identity read from a card. Personal data: shown on the citizen's own screen only, masked in logs.

export type Gender = 'unknown' | 'male' | 'female' | 'unspecified';

/** What every card type carries. */
interface CardBasics {
  gender: Gender;
  /** YYYY-MM-DD */
  birthDate: string;
  validFrom: string;
  /** YYYY-MM-DD, or null for a long-term (长期) card */
  validTo: string | null;
}

/** The fields the resident card and the 居住证 share (same layout on the chip). */
interface ResidentLike extends CardBasics {
  name: string;
  address: string;
  idNumber: string;
  authority: string;
}

export interface ResidentCardIdentity extends ResidentLike {
  cardType: 'resident';
  nationCode: string;
  nation: string;
}

/** 港澳台居民居住证 (card-type flag "J") */
export interface HmtResidencePermitIdentity extends ResidentLike {
  cardType: 'hmt-residence-permit';
  passNumber: string;
  issueCount: string;
}

/** 外国人永久居留身份证, 2017 edition (flag "I") */
export interface ForeignPermanent2017Identity extends CardBasics {
  cardType: 'foreign-permanent-2017';
  englishName: string;
  chineseName: string;
  cardNumber: string;
  nationality: string;
  version: string;
  authorityCode: string;
}

/** 外国人永久居留身份证, 2023 edition (flag "Y") */
export interface ForeignPermanent2023Identity extends CardBasics {
  cardType: 'foreign-permanent-2023';
  chineseName: string;
  englishName: string;
  renewalCount: string;
  idNumber: string;
  authority: string;
  nationality: string;
  previousNumberLink: string;
}

export type CardIdentity = ResidentCardIdentity | HmtResidencePermitIdentity | ForeignPermanent2017Identity | ForeignPermanent2023Identity;
export type CardType = CardIdentity['cardType'];

/** The number that identifies the holder in a case file, whatever the card type. */
export function identityNumber(i: CardIdentity): string {
  return i.cardType === 'foreign-permanent-2017' ? i.cardNumber : i.idNumber;
}

/** The name a clerk would call the holder by. */
export function identityDisplayName(i: CardIdentity): string {
  switch (i.cardType) {
    case 'resident':
    case 'hmt-residence-permit':
      return i.name;
    default:
      return i.chineseName || i.englishName;
  }
}
