// Device types shared by the backend and the renderer: what each device can be doing, how
// healthy it is, and the identity read from a card. No Node APIs here (the renderer imports it).

export type DeviceKind = 'id-card-reader' | 'receipt-printer' | 'a4-printer' | 'scanner' | 'code-scanner' | 'social-card-reader';
export const DEVICE_KINDS: readonly DeviceKind[] = ['id-card-reader', 'receipt-printer', 'a4-printer', 'scanner', 'code-scanner', 'social-card-reader'];
/** Kinds a terminal may lack altogether: when not configured they are not listed, and nothing is degraded by them. */
export const OPTIONAL_DEVICE_KINDS: readonly DeviceKind[] = ['social-card-reader'];

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

/** card-held: a card was read (or refused); the next is read only after this one left the reader */
export type SocialCardReaderStatus = Offline | Bare<'ready' | 'reading' | 'card-held'>;

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
  'social-card-reader': SocialCardReaderStatus;
}
export type AnyDeviceStatus = DeviceStatusMap[DeviceKind];

export interface Consumables {
  paper?: 'ok' | 'near-end' | 'out';
  /** receipts that failed (paper out, cover open, unplugged) and wait to be reprinted */
  heldJobs?: number;
}

/** What the backend publishes for one device. */
/** What a working device cannot do here: an ID reader without a card-photo decoder gives no photo for 人证核验. */
export type DeviceLimitation = 'no-photo-decoder';

export type DeviceStatusView = {
  [K in DeviceKind]: {
    device: K;
    mode: string;
    health: DeviceHealth;
    /** structured: the words are chosen where it is shown (common/device-words.ts) */
    status: DeviceStatusMap[K];
    /** a standing limitation of a working device, which makes its health degraded */
    limitation?: DeviceLimitation;
    since: string;
    consumables: Consumables | null;
  };
}[DeviceKind];

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

/**
 * 社会保障卡 (PC/SC, devices/social-card/): what its public files say. No address, issuing
 * authority or photo; the 社会保障号码 is the holder's citizen identity number.
 */
export interface SocialSecurityCardIdentity {
  cardType: 'social-security';
  name: string;
  idNumber: string;
  cardNumber: string;
  gender: Gender;
  /** YYYY-MM-DD, or null when the card does not say */
  birthDate: string | null;
  nationCode: string | null;
  /** YYYY-MM-DD, or null when the card does not say */
  validTo: string | null;
}

/** Which credential the citizen identified with. */
export type CredentialSource = 'id-card' | 'social-card' | 'netid';
export const credentialSource = (i: CardIdentity): CredentialSource => (i.cardType === 'social-security' ? 'social-card' : i.cardType === 'netid' ? 'netid' : 'id-card');

/**
 * 网证: not a card, an identity verified fresh by central from the network identity credential QR
 * the citizen's phone showed (main/backend/citizen/netid-identify.ts). It carries only what
 * central's answer gave: no address, nation, authority or validity, and no photo (so no 人证核验).
 */
export interface NetidIdentity {
  cardType: 'netid';
  name: string;
  idNumber: string;
  /** 'unknown' when the answer did not say */
  gender: Gender;
  /** YYYY-MM-DD, or null when the answer did not say */
  birthDate: string | null;
}

/** What an identity card's chip carries (the ID-card reader's answer). */
export type ChipCardIdentity = ResidentCardIdentity | HmtResidencePermitIdentity | ForeignPermanent2017Identity | ForeignPermanent2023Identity;
export type CardIdentity = ChipCardIdentity | NetidIdentity | SocialSecurityCardIdentity;
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
    case 'netid':
    case 'social-security':
      return i.name;
    default:
      return i.chineseName || i.englishName;
  }
}
