// Application forms (申请表) for the services the kiosk takes fully. Each form starts with the
// applicant block read from the ID card (name and number locked to the card, address editable
// because people move), then the questions of that service. Fields filled from another
// department's records say which one (共享获取), as the guide does for materials.
import type { ServiceForm } from '../../../common/catalog';
import type { FormField } from '../../../common/form-schema';
import { SHARED_FROM } from './shared';

const bi = (zh: string, en: string) => ({ zh, en });
type F = FormField;

const applicantBlock = (): F[] => [
  { id: 'applicantName', kind: 'text', label: bi('申请人姓名', 'Applicant name'), required: true, prefill: { from: 'id-card', field: 'name' }, maxLength: 64 },
  { id: 'applicantIdNumber', kind: 'id-number', label: bi('公民身份号码', 'Identity number'), required: true, prefill: { from: 'id-card', field: 'idNumber' } },
  { id: 'birthDate', kind: 'date', label: bi('出生日期', 'Date of birth'), required: true, notAfterToday: true, prefill: { from: 'id-card', field: 'birthDate' } },
  {
    id: 'address',
    kind: 'address',
    label: bi('现居住地址', 'Current address'),
    required: true,
    prefill: { from: 'id-card', field: 'address' },
    help: bi('默认为身份证地址，已搬家请改为现住址', 'Defaults to the address on the card; change it if you have moved'),
  },
  { id: 'phone', kind: 'phone', label: bi('联系电话（手机）', 'Mobile number'), required: true, prefill: { from: 'none' }, help: bi('用于接收办理进度短信', 'For progress text messages') },
];

const hukouAddress = (): F => ({
  id: 'hukouAddress',
  kind: 'address',
  label: bi('户籍地址', 'Registered household address'),
  required: false,
  prefill: { from: 'shared', department: SHARED_FROM.police },
});

const choice = (id: string, zh: string, en: string, options: [string, string, string][], required = true): F => ({
  id,
  kind: 'select',
  label: bi(zh, en),
  required,
  prefill: { from: 'none' },
  options: options.map(([value, z, e]) => ({ value, label: bi(z, e) })),
});
const text = (id: string, zh: string, en: string, required = true, maxLength = 100): F => ({ id, kind: 'text', label: bi(zh, en), required, prefill: { from: 'none' }, maxLength });
const number = (id: string, zh: string, en: string, min: number, max: number, integer = false): F => ({
  id,
  kind: 'number',
  label: bi(zh, en),
  required: true,
  prefill: { from: 'none' },
  min,
  max,
  integer,
});
const date = (id: string, zh: string, en: string, notAfterToday = false): F => ({ id, kind: 'date', label: bi(zh, en), required: true, prefill: { from: 'none' }, notAfterToday });

const form = (materialId: string | null, ...fields: F[]): ServiceForm => ({ materialId, fields: [...applicantBlock(), ...fields] });

const yesNo: [string, string, string][] = [
  ['yes', '是', 'Yes'],
  ['no', '否', 'No'],
];

/** Keyed by service code (事项编码); attached to the services in sample-catalog.ts. */
export const FORMS: Record<string, ServiceForm> = {
  // 社会保障卡申领
  '321300-GG-00201-001': form(
    'card-application-form',
    hukouAddress(),
    choice('bank', '合作银行（卡面金融功能）', 'Partner bank (financial account)', [
      ['icbc', '中国工商银行', 'ICBC'],
      ['abc', '中国农业银行', 'ABC'],
      ['boc', '中国银行', 'Bank of China'],
      ['ccb', '中国建设银行', 'CCB'],
      ['jsrcu', '江苏农村商业银行', 'Jiangsu Rural Commercial Bank'],
    ]),
    choice('delivery', '领卡方式', 'How to collect the card', [
      ['counter', '到银行网点领取', 'Collect at the bank branch'],
      ['post', '邮寄到家', 'Post to my address'],
    ]),
  ),
  // 社会保障卡挂失与补换
  '321300-GG-00201-002': form(
    'card-replacement-form',
    choice('reason', '补换原因', 'Reason', [
      ['lost', '遗失', 'Lost'],
      ['damaged', '损坏', 'Damaged'],
      ['info-change', '信息变更', 'Details changed'],
    ]),
  ),
  // 城乡居民基本养老保险参保登记
  '321300-GG-00202-001': form(
    'pension-enrolment-form',
    hukouAddress(),
    choice('contributionLevel', '缴费档次（元/年）', 'Contribution level (yuan per year)', [
      ['300', '300', '300'],
      ['500', '500', '500'],
      ['1000', '1000', '1000'],
      ['2000', '2000', '2000'],
      ['5000', '5000', '5000'],
    ]),
  ),
  // 失业保险金申领
  '321300-JF-00203-001': form(
    'unemployment-claim-form',
    text('lastEmployer', '原工作单位名称', 'Last employer', true, 100),
    date('terminationDate', '解除或终止劳动合同日期', 'Date the contract ended', true),
    choice('reason', '失业原因', 'Reason for unemployment', [
      ['contract-ended', '劳动合同期满终止', 'Contract expired'],
      ['dismissed', '用人单位解除', 'Dismissed by employer'],
      ['bankrupt', '用人单位破产、关闭', 'Employer closed'],
      ['other', '其他非本人意愿', 'Other, not by choice'],
    ]),
  ),
  // 个人参保证明查询打印
  '321300-GG-00204-001': form(
    null,
    choice('certificateKind', '证明类型', 'Kind of certificate', [
      ['all', '参保缴费证明（全部险种）', 'All insurance contributions'],
      ['pension', '养老保险缴费明细', 'Pension contributions'],
      ['medical', '医疗保险缴费明细', 'Medical insurance contributions'],
    ]),
    number('months', '查询月数', 'Number of months', 1, 120, true),
  ),
  // 基本医疗保险关系转移接续
  '321300-GG-00301-001': form(
    'transfer-application-form',
    text('fromRegion', '转出地（省、市）', 'Transferring from (province, city)', true, 60),
    text('fromAgency', '转出地医保经办机构', 'Medical insurance agency there', false, 100),
  ),
  // 异地就医备案
  '321300-GG-00302-001': form(
    'filing-form',
    text('destination', '就医地（省、市）', 'Where you will be treated (province, city)', true, 60),
    choice('filingKind', '备案类型', 'Kind of filing', [
      ['resident', '异地长期居住', 'Living there long-term'],
      ['worker', '常驻异地工作', 'Working there'],
      ['referral', '转诊转院', 'Referred by a hospital'],
      ['temporary', '临时外出就医', 'Temporary stay'],
    ]),
    date('startDate', '备案开始日期', 'Filing starts on'),
  ),
  // 城乡居民基本医疗保险参保登记
  '321300-GG-00303-001': form(
    'medical-enrolment-form',
    hukouAddress(),
    choice('group', '参保人员类别', 'Category', [
      ['adult', '成年居民', 'Adult resident'],
      ['student', '中小学生及大学生', 'Student'],
      ['infant', '新生儿', 'Newborn'],
    ]),
  ),
  // 住房公积金提取（租赁住房）
  '321300-QT-00401-004': form(
    null,
    text('fundAccount', '个人公积金账号', 'Provident fund account number', true, 20),
    number('monthlyRent', '月租金（元）', 'Monthly rent (yuan)', 1, 100000),
    text('bankAccount', '收款银行卡号（本人一类账户）', 'Your bank card number for the payment', true, 19),
    choice('married', '是否已婚（配偶信息由民政共享获取）', 'Married? (spouse details are fetched from civil affairs)', yesNo),
  ),
  // 住房公积金缴存证明打印
  '321300-GG-00402-001': form(
    null,
    choice('purpose', '证明用途', 'What the certificate is for', [
      ['loan', '贷款', 'A loan'],
      ['settle', '落户', 'Household registration'],
      ['other', '其他', 'Other'],
    ]),
  ),
  // 出生登记
  '321300-QR-00101-001': form(
    'birth-declaration-form',
    hukouAddress(),
    text('childName', '新生儿姓名', "Child's name", true, 32),
    choice('childGender', '新生儿性别', "Child's sex", [
      ['male', '男', 'Male'],
      ['female', '女', 'Female'],
    ]),
    date('childBirthDate', '新生儿出生日期', "Child's date of birth", true),
    text('birthCertificateNo', '出生医学证明编号', 'Birth medical certificate number', true, 20),
  ),
  // 居民身份证补领（遗失）
  '321300-QR-00102-002': form(
    'id-application-form',
    hukouAddress(),
    date('lostDate', '遗失日期', 'Date lost', true),
    choice('collect', '领证方式', 'How to collect', [
      ['counter', '到户籍窗口领取', 'Collect at the counter'],
      ['post', '邮寄到家', 'Post to my address'],
    ]),
  ),
  // 户籍证明开具
  '321300-GG-00103-001': form(
    'hukou-certificate-form',
    hukouAddress(),
    choice('purpose', '证明事项', 'What the certificate proves', [
      ['relation', '亲属关系', 'Family relationship'],
      ['cancelled', '户口注销', 'Registration cancelled'],
      ['change', '户籍信息变更', 'Registration details changed'],
    ]),
  ),
  // 个体工商户设立登记
  '321300-XK-00501-001': form(
    'getihu-application',
    text('businessName', '个体工商户名称', 'Business name', true, 50),
    text('businessScope', '经营范围', 'Business scope', true, 200),
    text('premises', '经营场所', 'Business premises', true, 100),
    number('capital', '资金数额（万元）', 'Capital (10,000 yuan)', 0, 100000),
  ),
  // 营业执照补领
  '321300-XK-00502-003': form(
    'licence-replacement-form',
    text('creditCode', '统一社会信用代码', 'Unified social credit code', true, 18),
    choice('reason', '补领原因', 'Reason', [
      ['lost', '遗失', 'Lost'],
      ['damaged', '损坏', 'Damaged'],
    ]),
  ),
  // 不动产登记资料查询
  '321300-GG-00601-001': form(
    'search-application',
    text('propertyLocation', '不动产坐落', 'Property location', true, 100),
    choice('searchPurpose', '查询目的', 'Why you search', [
      ['own', '查询本人名下不动产', 'My own property'],
      ['transaction', '交易需要', 'For a transaction'],
    ]),
  ),
  // 不动产抵押权注销登记
  '321300-QR-00602-004': form(
    'registration-application',
    text('certificateNo', '不动产登记证明号', 'Registration certificate number', true, 40),
    text('mortgagee', '抵押权人（银行）', 'Mortgagee (bank)', true, 60),
  ),
};
