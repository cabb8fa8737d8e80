// 市不动产登记中心: registration records, mortgage release and transfer of second-hand homes.
import type { Service } from '../../../common/catalog';
import { COMPLAINT, COUNTER_HOURS, HALL, HALL_HOURS, SHARED_FROM, idCard, kioskForm, powerOfAttorney } from './shared';

const consultation = {
  phone: '0527-84360606',
  detail: '市不动产登记中心咨询电话（工作日）；或到市政务服务中心三楼不动产登记咨询台咨询',
};

const place = `${HALL}三楼 不动产登记“一窗受理”区（31—36号窗口）；自助服务区`;

const registrationFeeBasis =
  '《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）';

const registrationTimeLimit = {
  title: '《不动产登记暂行条例》',
  clause: '第二十条：不动产登记机构应当自受理登记申请之日起30个工作日内办结不动产登记手续，法律另有规定的除外。',
};

const certificate = {
  id: 'property-certificate',
  name: '不动产权证书',
  nameEn: 'Real estate title certificate',
  copies: 1,
  form: 'electronic',
  original: false,
  source: '不动产登记机构核发',
  sample: null,
  sharedFrom: SHARED_FROM.realEstate,
  rongque: false,
  required: true,
  note: '登记簿信息由本中心登记系统直接调取，电子证照同步核验',
} satisfies Service['materials'][number];

export const realEstateServices = [
  {
    code: '321300-GG-00601-001',
    name: '不动产登记资料查询',
    nameEn: 'Searching real estate registration records (incl. no-property certificate)',
    departmentId: 'real-estate',
    type: '公共服务',
    lifeEventIds: ['housing'],
    legalBasis: [
      {
        title: '《不动产登记暂行条例》',
        clause: '第二十七条第一款：权利人、利害关系人可以依法查询、复制不动产登记资料，不动产登记机构应当提供。',
      },
      {
        title: '《不动产登记暂行条例实施细则》',
        clause: '第一百条：对符合规定的查询申请，不动产登记机构应当当场提供查询；因情况特殊，不能当场提供查询的，应当在5个工作日内提供查询。',
      },
      {
        title: '《不动产登记资料查询暂行办法》（国土资源部令第80号）',
        clause: '关于权利人查询本人不动产登记结果和出具查询结果证明的规定',
      },
    ],
    applicant: '不动产权利人及其委托代理人',
    conditions: [
      '查询本人名下的不动产登记结果，或查询本人在本市有无不动产登记记录',
      '查询目的合法，并如实填写查询用途',
      '查询人通过自助机身份证读取和人脸识别认证',
    ],
    materials: [
      idCard(),
      kioskForm('search-application', '不动产登记资料查询申请书', 'Application to search registration records'),
      { ...certificate, required: false, note: '查询指定不动产时选择或输入不动产单元号，证书信息由登记系统调取' },
      powerOfAttorney(),
    ],
    timeLimit: { kind: 'on_the_spot' },
    fees: { kind: 'free' },
    flow: [
      { step: '申请', detail: '在自助机刷身份证并人脸识别，选择“有房/无房查询”或“产权信息查询”，填写查询用途（自助机提交）' },
      { step: '受理', detail: '系统即时受理（自动受理）' },
      { step: '审查', detail: '系统自动核验查询人与权利人身份一致（网上审查）' },
      { step: '决定', detail: '即时生成加盖不动产登记资料查询专用电子印章的查询结果证明（网上决定）' },
      { step: '送达', detail: '自助机当场打印，证明附二维码可扫码验真（自助机打印）' },
    ],
    channels: ['online', 'kiosk'],
    kioskFull: true,
    kioskNote: null,
    place,
    hours: HALL_HOURS,
    result: { name: '不动产登记信息查询结果证明（含无房证明）', delivery: ['kiosk_print', 'online'] },
    consultation,
    complaint: COMPLAINT,
    keywords: ['不动产证', '房产证', '查房产', '无房证明', '房产查询', '不动产查询', '查档', '有房证明'],
  },
  {
    code: '321300-QR-00602-004',
    name: '不动产抵押权注销登记',
    nameEn: 'Deregistration of a mortgage on real estate',
    departmentId: 'real-estate',
    type: '行政确认',
    lifeEventIds: ['housing'],
    legalBasis: [
      {
        title: '《中华人民共和国民法典》',
        clause: '第三百九十三条：有下列情形之一的，担保物权消灭：（一）主债权消灭；（二）担保物权实现；（三）债权人放弃担保物权。',
      },
      {
        title: '《不动产登记暂行条例》',
        clause: '第十四条第二款第（五）项：权利人放弃不动产权利，申请注销登记的，可以由当事人单方申请。',
      },
      registrationTimeLimit,
    ],
    applicant: '抵押人（不动产权利人）与抵押权人；抵押权人放弃抵押权的，可由抵押权人单方申请',
    conditions: [
      '抵押担保的主债权已经消灭（贷款已结清），或抵押权人放弃抵押权',
      '抵押权已在本市不动产登记簿记载，申请注销的抵押权人与登记簿记载一致',
      '抵押权人已通过“不动产登记+金融服务”平台在线提交注销申请，或出具同意注销的书面证明',
    ],
    materials: [
      idCard({ name: '抵押人居民身份证', nameEn: 'Mortgagor’s identity card' }),
      kioskForm('registration-application', '不动产登记申请书', 'Real estate registration application'),
      {
        ...certificate,
        id: 'mortgage-certificate',
        name: '不动产登记证明（抵押权）',
        nameEn: 'Certificate of mortgage registration',
      },
      {
        id: 'release-consent',
        name: '抵押权人同意注销证明或主债权消灭证明',
        nameEn: 'Mortgagee’s release consent or proof that the loan is repaid',
        copies: 1,
        form: 'paper_or_electronic',
        original: true,
        source: '抵押权人（贷款银行）出具',
        sample: null,
        sharedFrom: null,
        rongque: false,
        required: true,
        note: '抵押权人已通过“不动产登记+金融服务”平台在线提交的，无需另行提供',
      },
    ],
    timeLimit: { kind: 'working_days', legal: 30, promised: 1 },
    fees: { kind: 'free' },
    flow: [
      { step: '申请', detail: '贷款银行在线推送注销申请后，抵押人在自助机人脸识别并确认注销（自助机提交）' },
      { step: '受理', detail: '登记机构网上受理（网上受理）' },
      { step: '审查', detail: '网上核对登记簿抵押记载与银行推送信息（网上审查）' },
      { step: '决定', detail: '准予注销并在登记簿上记载注销事项（网上决定）' },
      { step: '送达', detail: '注销结果短信通知，抵押人可在自助机打印不动产登记信息查询结果（网上送达）' },
    ],
    channels: ['online', 'kiosk'],
    kioskFull: true,
    kioskNote: null,
    place,
    hours: HALL_HOURS,
    result: { name: '不动产登记簿注销记载结果（可打印登记信息查询结果）', delivery: ['online', 'kiosk_print'] },
    consultation,
    complaint: COMPLAINT,
    keywords: ['抵押注销', '解押', '房贷还清', '注销抵押', '不动产证', '房产证'],
  },
  {
    code: '321300-QR-00602-002',
    name: '不动产转移登记（存量房买卖）',
    nameEn: 'Transfer registration for the sale of a second-hand home',
    departmentId: 'real-estate',
    type: '行政确认',
    lifeEventIds: ['housing', 'relocation'],
    legalBasis: [
      {
        title: '《中华人民共和国民法典》',
        clause: '第二百零九条第一款：不动产物权的设立、变更、转让和消灭，经依法登记，发生效力；未经登记，不发生效力，但是法律另有规定的除外。',
      },
      {
        title: '《不动产登记暂行条例》',
        clause: '第十四条第一款：因买卖、设定抵押权等申请不动产登记的，应当由当事人双方共同申请。',
      },
      registrationTimeLimit,
    ],
    applicant: '存量房买卖合同的买方和卖方',
    conditions: [
      '卖方已取得不动产权属证书，房屋未被查封，无异议登记',
      '房屋已设立抵押的，已办理抵押权注销，或经抵押权人同意按“带押过户”办理',
      '买卖双方已签订存量房买卖合同并完成网签备案，已依法缴纳交易税费',
      '买卖双方共同申请，并通过人脸识别当面核验身份',
    ],
    materials: [
      idCard({
        name: '买卖双方居民身份证',
        nameEn: 'Identity cards of buyer and seller',
        copies: 2,
        note: '买卖双方均需当面人脸核验，身份信息通过公安人口库共享核验',
      }),
      kioskForm('registration-application', '不动产登记申请书', 'Real estate registration application', {
        source: '窗口或网上生成，买卖双方签名确认',
      }),
      {
        ...certificate,
        form: 'paper',
        original: true,
        sharedFrom: null,
        note: '原不动产权证书由登记机构收回；已领取电子证照的无需提供纸质证书',
      },
      {
        id: 'sale-contract',
        name: '存量房买卖合同',
        nameEn: 'Second-hand home sale contract',
        copies: 1,
        form: 'electronic',
        original: false,
        source: '买卖双方签订，住房和城乡建设部门网签备案',
        sample: '《江苏省存量房买卖合同》示范文本',
        sharedFrom: SHARED_FROM.housing,
        rongque: false,
        required: true,
        note: '网签备案合同通过住建部门共享获取',
      },
      {
        id: 'tax-receipt',
        name: '交易税费完税凭证（契税、增值税、个人所得税）',
        nameEn: 'Tax payment certificates for the transaction',
        copies: 1,
        form: 'electronic',
        original: false,
        source: '税务机关出具',
        sample: null,
        sharedFrom: SHARED_FROM.tax,
        rongque: false,
        required: true,
        note: '“一窗受理”时同步申报纳税，完税信息由税务部门共享推送',
      },
      {
        id: 'marriage-record',
        name: '婚姻状况信息',
        nameEn: 'Marital status record',
        copies: 1,
        form: 'electronic',
        original: false,
        source: '婚姻登记机关',
        sample: null,
        sharedFrom: SHARED_FROM.civilAffairs,
        rongque: true,
        required: true,
        note: '用于确定共有情况，由民政部门共享获取；共享不到的可签署承诺书容缺受理，5个工作日内补交结婚证或离婚证',
      },
      powerOfAttorney({ note: '委托他人代办时提供，须经公证或由委托人在登记机构当面签署' }),
    ],
    timeLimit: { kind: 'working_days', legal: 30, promised: 1 },
    fees: {
      kind: 'charged',
      items: [
        {
          name: '不动产登记费',
          standard: '住宅类80元/件；非住宅类550元/件',
          basis: registrationFeeBasis,
          reduction: '小微企业（含个体工商户）申请不动产登记的免收',
        },
        {
          name: '不动产权证书工本费',
          standard: '核发一本证书免收；每增加一本加收10元',
          basis: registrationFeeBasis,
        },
      ],
      payment: '受理后通过江苏政务服务网统一支付平台扫码缴纳，或在窗口刷卡缴纳；登记费由登记申请人（买方）缴纳',
    },
    flow: [
      { step: '申请', detail: '买卖双方通过“宿迁不动产登记网上办”在线视频核验并电子签名，或共同到“一窗受理”窗口申请（网上提交）' },
      { step: '受理', detail: '房产交易、税务、登记“一窗受理”，同步申报纳税（一窗受理）' },
      { step: '审查', detail: '网上核查登记簿、网签合同、完税和婚姻信息（网上审查）' },
      { step: '决定', detail: '准予登记并记载于不动产登记簿，同步生成电子证照（网上决定）' },
      { step: '送达', detail: '不动产权证书EMS免费寄递或到窗口领取，电子证照推送到“苏服办”App（EMS寄递）' },
    ],
    channels: ['online', 'max_once', 'post'],
    kioskFull: false,
    kioskNote:
      '存量房转移登记须买卖双方共同申请、当面核验身份并签署，原不动产权证书需收回，本机无法全程办理。请到宿迁市政务服务中心三楼不动产登记“一窗受理”区（31—36号窗口）办理，或通过“宿迁不动产登记网上办”双方在线视频核验；本机可查询办理进度、打印查询结果。',
    place,
    hours: COUNTER_HOURS,
    result: { name: '不动产权证书（同步生成电子证照）', delivery: ['counter', 'post', 'online'] },
    consultation,
    complaint: COMPLAINT,
    keywords: ['过户', '房产过户', '二手房过户', '不动产证', '房产证', '买房', '卖房'],
  },
] satisfies Service[];
