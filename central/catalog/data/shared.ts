// Building blocks shared by the sample guides: recurring materials (identity card, household
// register…), where data-shared materials come from, the hall's hours and the complaint channel.
//
// Sample data: the hall, window numbers and local phone numbers are illustrative for a
// Suqian (宿迁市宿城区) deployment; 12345 / 12333 / 12393 / 12329 are the national hotlines.
import type { Material } from '../../../common/catalog';

/** Departments (and their systems) that already hold a material: fetched by data sharing. */
export const SHARED_FROM = {
  police: '市公安局（人口基础信息库）',
  civilAffairs: '市民政局（婚姻登记信息系统）',
  health: '市卫生健康委员会（出生医学证明电子证照库）',
  market: '市市场监督管理局（市场主体登记系统）',
  realEstate: '市不动产登记中心（不动产登记信息系统）',
  socialSecurity: '市人力资源和社会保障局（社会保障卡信息系统）',
  housing: '市住房和城乡建设局（房屋网签备案系统）',
  tax: '国家税务总局宿迁市税务局（不动产交易税费系统）',
  medicalPlatform: '国家医疗保障信息平台',
} as const;

export const HALL = '宿迁市政务服务中心（宿迁市宿城区）';

export const HALL_HOURS = '法定工作日 上午9:00-12:00，下午13:30-17:30；自助服务区自助机24小时开放（节假日照常）';

/** Services that cannot be completed at the kiosk are only taken at the counter. */
export const COUNTER_HOURS = '法定工作日 上午9:00-12:00，下午13:30-17:30（本机可预约时段、查询进度）';

export const COMPLAINT = {
  phone: '12345',
  detail: '12345政务服务便民热线（24小时）；也可在自助机、江苏政务服务网或“苏服办”App“好差评”栏目评价投诉',
} as const;

type Extra = Partial<Material>;

/** 居民身份证: read from the card chip plus face match; the data itself comes from 公安. */
export const idCard = (extra: Extra = {}): Material => ({
  id: 'id-card',
  name: '居民身份证',
  nameEn: 'Resident identity card',
  copies: 1,
  form: 'electronic',
  original: false,
  source: '公安机关核发',
  sample: null,
  sharedFrom: SHARED_FROM.police,
  rongque: false,
  required: true,
  note: '自助机读取身份证芯片并进行人脸比对，身份信息通过公安人口库共享核验，不收取复印件',
  ...extra,
});

/** 居民户口簿: household register data fetched from 公安. */
export const hukouBook = (extra: Extra = {}): Material => ({
  id: 'hukou-book',
  name: '居民户口簿',
  nameEn: 'Household register (hukou booklet)',
  copies: 1,
  form: 'electronic',
  original: false,
  source: '公安机关核发',
  sample: null,
  sharedFrom: SHARED_FROM.police,
  rongque: false,
  required: true,
  note: '户籍信息通过公安人口库共享获取，无需提交户口簿',
  ...extra,
});

/** 授权委托书: only when someone applies on the applicant's behalf. */
export const powerOfAttorney = (extra: Extra = {}): Material => ({
  id: 'power-of-attorney',
  name: '授权委托书及受托人居民身份证',
  nameEn: 'Power of attorney and the agent’s identity card',
  copies: 1,
  form: 'paper_or_electronic',
  original: true,
  source: '申请人签署；受托人身份证由公安机关核发',
  sample: '《授权委托书》示范文本（自助机“示范文本”页可查看、打印）',
  sharedFrom: null,
  rongque: false,
  required: false,
  note: '委托他人代办时提供；本人办理的无需提供',
  ...extra,
});

/** The application form the kiosk fills in from shared data and the applicant signs on screen. */
export const kioskForm = (id: string, name: string, nameEn: string, extra: Extra = {}): Material => ({
  id,
  name,
  nameEn,
  copies: 1,
  form: 'electronic',
  original: true,
  source: '自助机或网上在线生成，申请人电子签名确认',
  sample: `《${name}》填写示范（自助机“示范文本”页可查看）`,
  sharedFrom: null,
  rongque: false,
  required: true,
  ...extra,
});
