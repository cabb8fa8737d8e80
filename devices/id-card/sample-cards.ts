// Cards the simulator can place on the reader: one of each layout. Invented people; the numbers
// carry valid GB 11643 check characters so the driver's validation is exercised for real.
import type { ChipCardIdentity } from '../../common/devices';
import { idCheckCharacter } from '../../common/id-number';

const withCheck = (first17: string) => first17 + idCheckCharacter(first17);

export const SAMPLE_CARDS = {
  resident: {
    cardType: 'resident',
    name: '王小明',
    gender: 'male',
    nationCode: '01',
    nation: '汉',
    birthDate: '1990-03-07',
    address: '江苏省宿迁市宿城区幸福中路88号幸福花园3幢201室',
    idNumber: withCheck('32130219900307123'),
    authority: '宿迁市公安局宿城分局',
    validFrom: '2020-05-01',
    validTo: '2040-05-01',
  },
  'resident-long-term': {
    cardType: 'resident',
    name: '李秀英',
    gender: 'female',
    nationCode: '03',
    nation: '回',
    birthDate: '1952-11-30',
    address: '江苏省宿迁市宿豫区顺河街道洪泽湖路6号',
    idNumber: withCheck('32131119521130242'),
    authority: '宿迁市公安局宿豫分局',
    validFrom: '2012-08-15',
    validTo: null,
  },
  // 帮办代办: township staff who apply on residents' behalf sign in with their own ID card.
  'township-helper': {
    cardType: 'resident',
    name: '周海燕',
    gender: 'female',
    nationCode: '01',
    nation: '汉',
    birthDate: '1986-09-14',
    address: '江苏省宿迁市宿城区耿车镇政府路2号',
    idNumber: withCheck('32130219860914262'),
    authority: '宿迁市公安局宿城分局',
    validFrom: '2016-10-01',
    validTo: '2036-10-01',
  },
  'township-helper-2': {
    cardType: 'resident',
    name: '孙立军',
    gender: 'male',
    nationCode: '01',
    nation: '汉',
    birthDate: '1979-02-03',
    address: '江苏省宿迁市宿城区耿车镇红卫村5组',
    idNumber: withCheck('32130219790203153'),
    authority: '宿迁市公安局宿城分局',
    validFrom: '2019-03-01',
    validTo: '2039-03-01',
  },
  'hmt-residence-permit': {
    cardType: 'hmt-residence-permit',
    name: '陈美玲',
    gender: 'female',
    birthDate: '1995-08-20',
    address: '江苏省宿迁市宿城区发展大道1号',
    idNumber: withCheck('81000019950820004'),
    authority: '宿迁市公安局',
    validFrom: '2023-01-10',
    validTo: '2028-01-10',
    passNumber: 'H12345678',
    issueCount: '01',
  },
  'foreign-permanent-2017': {
    cardType: 'foreign-permanent-2017',
    englishName: 'SMITH, JOHN ADAM',
    chineseName: '史密斯',
    gender: 'male',
    cardNumber: 'USA320085061201',
    nationality: 'USA',
    birthDate: '1985-06-12',
    validFrom: '2019-04-01',
    validTo: '2029-04-01',
    version: '01',
    authorityCode: '3200',
  },
  'foreign-permanent-2023': {
    cardType: 'foreign-permanent-2023',
    chineseName: '玛丽亚',
    englishName: 'RODRIGUEZ GARCIA, MARIA ISABEL FERNANDA',
    gender: 'female',
    renewalCount: '00',
    birthDate: '1988-04-15',
    idNumber: withCheck('93272419880415001'),
    authority: '国家移民管理局',
    validFrom: '2024-02-01',
    validTo: '2034-02-01',
    nationality: 'ESP',
    previousNumberLink: '',
  },
} as const satisfies Record<string, ChipCardIdentity>;

export type SampleCardName = keyof typeof SAMPLE_CARDS;
export const SAMPLE_CARD_NAMES = Object.keys(SAMPLE_CARDS) as SampleCardName[];

/** A stand-in for the 1024-byte WLT photo: deterministic per card so tests can tell cards apart. */
export function samplePhotoWlt(seed: string): Uint8Array {
  const out = new Uint8Array(1024);
  let h = 2166136261;
  for (const c of seed) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  for (let i = 0; i < out.length; i++) {
    h = Math.imul(h ^ (h >>> 15), 2246822507) >>> 0;
    out[i] = h & 0xff;
  }
  out[0] = 0x57; // 'W'
  out[1] = 0x4c; // 'L'
  return out;
}
