// Common words citizens look for, one tap each (no pinyin needed). Each must find at least
// one service in the published catalog: the e2e walk taps every one and checks.
export const QUICK_TERMS = ['社保卡', '医保', '养老', '失业', '公积金', '户口', '身份证', '营业执照', '不动产', '结婚'] as const;

export type QuickTerm = (typeof QUICK_TERMS)[number];

/** What each term means, for a citizen reading English. The tap still searches the Chinese
 *  term: the catalog and its search index are Chinese. */
export const QUICK_TERMS_EN: Record<QuickTerm, string> = {
  社保卡: 'Social security card',
  医保: 'Medical insurance',
  养老: 'Pension',
  失业: 'Unemployment',
  公积金: 'Housing fund',
  户口: 'Household registration',
  身份证: 'ID card',
  营业执照: 'Business licence',
  不动产: 'Real estate',
  结婚: 'Marriage',
};
