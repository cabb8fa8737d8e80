// The identity read from a card, as the journey uses it: who applies (the applicant of the case),
// what the screen may show (masked), and what the form may be prefilled with.
import type { CardIdentity, Gender } from '../devices';
import { identityDisplayName, identityNumber } from '../devices';
import type { FormField, Prefill } from '../form-schema';
import { idNumberProblem } from '../id-number';
import { maskIdNumber, maskName } from '../mask';

export const CARD_TYPE_NAME: Record<CardIdentity['cardType'], { zh: string; en: string }> = {
  resident: { zh: '居民身份证', en: 'Resident identity card' },
  'hmt-residence-permit': { zh: '港澳台居民居住证', en: 'Residence permit for Hong Kong, Macao and Taiwan residents' },
  'foreign-permanent-2017': { zh: '外国人永久居留身份证（2017 版）', en: 'Foreign permanent resident ID card (2017)' },
  'foreign-permanent-2023': { zh: '外国人永久居留身份证', en: 'Foreign permanent resident ID card' },
  netid: { zh: '网络身份认证凭证（网证）', en: 'National network identity credential' },
  'social-security': { zh: '社会保障卡', en: 'Social security card' },
};

/** What the identify step shows: enough for the citizen to recognise the card, no full number. */
export interface MaskedIdentity {
  cardType: CardIdentity['cardType'];
  cardTypeName: { zh: string; en: string };
  name: string;
  number: string;
  /** null when the kiosk can take an application with this card; the renderer words it */
  problem: CardProblem | null;
}

/** Why a card cannot open a case at the kiosk (the holder goes to the counter). */
export type CardProblem = 'card-expired' | 'card-not-accepted-here' | 'social-card-not-accepted';

/**
 * Whether a case can be opened with this card here. Case files are keyed by an 18-character
 * number with a GB 11643 check character; the 2017 foreign permanent resident card carries a
 * 15-character number that central's intake does not accept, so its holder goes to the counter.
 */
export function applicantProblem(i: CardIdentity, today: string, service?: { socialCardAccepted?: boolean }): MaskedIdentity['problem'] {
  // a 社保卡 identifies only for the 社保 / 医保 services the catalog marks
  if (i.cardType === 'social-security' && service && !service.socialCardAccepted) return 'social-card-not-accepted';
  if ('validTo' in i && i.validTo && i.validTo < today) return 'card-expired';
  if (idNumberProblem(identityNumber(i)) !== null) return 'card-not-accepted-here';
  return null;
}

/** today: the date in China, YYYY-MM-DD (an expired card cannot open a case); service: the one applied for, when known. */
export function maskedIdentity(i: CardIdentity, today: string, service?: { socialCardAccepted?: boolean }): MaskedIdentity {
  return {
    cardType: i.cardType,
    cardTypeName: CARD_TYPE_NAME[i.cardType],
    name: maskName(identityDisplayName(i)),
    number: maskIdNumber(identityNumber(i)),
    problem: applicantProblem(i, today, service),
  };
}

/** The applicant of the case, taken from the card (never from what the renderer sends). */
export function applicantOf(i: CardIdentity): { name: string; idNumber: string } {
  return { name: identityDisplayName(i), idNumber: identityNumber(i) };
}

const GENDER_ZH: Record<Gender, string> = { male: '男', female: '女', unknown: '未知', unspecified: '未说明' };

/** The value of one card field, for the card types that carry it. */
export function cardField(i: CardIdentity, field: Extract<Prefill, { from: 'id-card' }>['field']): string | null {
  switch (field) {
    case 'name':
      return identityDisplayName(i);
    case 'idNumber':
      return identityNumber(i);
    case 'gender':
      return i.gender === 'unknown' && i.cardType === 'netid' ? null : GENDER_ZH[i.gender];
    case 'birthDate':
      return i.birthDate;
    case 'nation':
      return i.cardType === 'resident' ? i.nation : null;
    case 'address':
      return i.cardType === 'resident' || i.cardType === 'hmt-residence-permit' ? i.address : null;
    case 'authority':
      return 'authority' in i ? i.authority : null;
    // 网证 answers carry no card validity: the citizen is asked (notOnCard)
    case 'validFrom':
      return 'validFrom' in i ? i.validFrom : null;
    case 'validTo':
      // a 社保卡 without an expiry record says nothing; an ID card's null is 长期; a 网证 has none
      return i.cardType === 'social-security' ? i.validTo : 'validTo' in i ? (i.validTo ?? '长期') : null;
  }
}

/**
 * Fields the card decides: the citizen sees them but cannot change them, and the backend writes
 * the card's value into the submission whatever the renderer sent. Address is not one of them:
 * people move, and the card shows where they lived when it was issued.
 */
export function isLockedToCard(f: FormField): boolean {
  return f.prefill.from === 'id-card' && f.prefill.field !== 'address';
}
