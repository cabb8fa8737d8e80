// Social security cards the simulator can insert: the holder of the resident sample card (the
// same person, so either card reaches the same applicant) and an elderly holder. Invented
// people; valid GB 11643 check characters.
import { SAMPLE_CARDS } from '../id-card/sample-cards';
import type { SocialCardIdentity } from './ssc-records';

export const SAMPLE_SOCIAL_CARDS = {
  resident: {
    cardType: 'social-security',
    cardNumber: 'A01234567',
    idNumber: SAMPLE_CARDS.resident.idNumber,
    name: SAMPLE_CARDS.resident.name,
    gender: 'male',
    birthDate: SAMPLE_CARDS.resident.birthDate,
    nationCode: '01',
    validTo: '2033-06-30',
  },
  'resident-long-term': {
    cardType: 'social-security',
    cardNumber: 'B76543210',
    idNumber: SAMPLE_CARDS['resident-long-term'].idNumber,
    name: SAMPLE_CARDS['resident-long-term'].name,
    gender: 'female',
    birthDate: SAMPLE_CARDS['resident-long-term'].birthDate,
    nationCode: '03',
    validTo: null,
  },
} satisfies Record<string, SocialCardIdentity>;

export type SampleSocialCardName = keyof typeof SAMPLE_SOCIAL_CARDS;
