// The words of the 一次性告知单. Chinese, with an English title line, like the receipt it is printed on.
export const MISSING_NOTICE_TEXT = {
  title: '一次性告知单',
  titleEn: 'List of missing materials',
  service: '办理事项',
  serviceCode: '事项编码',
  printedAt: '告知时间',
  terminal: '终端编号',
  notSubmitted: (count: number) => `您的申请材料不齐全，本次未提交申请。请备齐以下全部 ${count} 项材料后再来办理：`,
  missingItem: (name: string, original: boolean, copies: number, source: string, rongque: boolean) =>
    `${name}（${original ? '原件' : '复印件'} ${copies} 份；${source}）${rongque ? '〔可容缺后补〕' : ''}`,
  brought: '本次已带来的材料（再来时请一并带来）：',
  place: '办理地点',
  consultation: '咨询电话',
  basis: '依据《中华人民共和国行政许可法》第三十二条，一次告知需要补正的全部内容。',
} as const;
