// Where the social security card (社会保障卡) keeps its public basic information, per the national
// specification 《社会保障（个人）卡规范》 v2.0 / v3.0 (MOHRSS): the social-security application
// (DDF "SSSE", named "sx1.sh.社会保障" in GBK), its file EF05 (card identification) and EF06
// (personal basic information). Each record is read with READ RECORD by its tag (P1 = tag,
// P2 = 0x04) and comes back as one TLV: tag, length, value. Sources in devices/README.md.

/** How a field's bytes are written on the card. */
export type SscEncoding = 'an' | 'gbk' | 'bcd-date' | 'code';

export interface SscField {
  /** the record's tag (its number in READ RECORD) */
  tag: number;
  name: SscFieldName;
  /** the length the specification gives the value */
  bytes: number;
  encoding: SscEncoding;
  /** the card is useless for identification without it */
  required: boolean;
}

export type SscFieldName = 'validTo' | 'cardNumber' | 'socialSecurityNumber' | 'name' | 'gender' | 'nationCode' | 'birthDate';

export interface SscFile {
  /** file identifier inside the application, e.g. 0xEF05 */
  fid: number;
  fields: SscField[];
}

export interface SscProfile {
  /** the application's DF name (SELECT by name, P1 = 0x04) */
  aid: Uint8Array;
  files: SscFile[];
}

export type SscProfileName = 'mohrss-v2';

/** "sx1.sh." + GBK "社会保障" */
const SSSE_AID = Uint8Array.from([0x73, 0x78, 0x31, 0x2e, 0x73, 0x68, 0x2e, 0xc9, 0xe7, 0xbb, 0xe1, 0xb1, 0xa3, 0xd5, 0xcf]);

export const SSC_PROFILES: Record<SscProfileName, SscProfile> = {
  'mohrss-v2': {
    aid: SSSE_AID,
    files: [
      {
        fid: 0xef05,
        fields: [
          { tag: 0x06, name: 'validTo', bytes: 4, encoding: 'bcd-date', required: false },
          { tag: 0x07, name: 'cardNumber', bytes: 9, encoding: 'an', required: true },
        ],
      },
      {
        fid: 0xef06,
        fields: [
          { tag: 0x08, name: 'socialSecurityNumber', bytes: 18, encoding: 'an', required: true },
          { tag: 0x09, name: 'name', bytes: 30, encoding: 'gbk', required: true },
          { tag: 0x0a, name: 'gender', bytes: 1, encoding: 'an', required: false },
          { tag: 0x0b, name: 'nationCode', bytes: 1, encoding: 'code', required: false },
          { tag: 0x0d, name: 'birthDate', bytes: 4, encoding: 'bcd-date', required: false },
        ],
      },
    ],
  },
};
