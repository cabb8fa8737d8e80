// Common words citizens look for, one tap each (no pinyin needed). Each must find at least
// one service in the published catalog: the e2e walk taps every one and checks.
export const QUICK_TERMS = ['社保卡', '医保', '养老', '失业', '公积金', '户口', '身份证', '营业执照', '不动产', '结婚'] as const;
