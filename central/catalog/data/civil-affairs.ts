// 市民政局: marriage registration (both parties must appear in person, so not a kiosk service;
// listed so the kiosk can say where to go and take appointments).
import type { Service } from '../../../common/catalog';
import { COMPLAINT, COUNTER_HOURS, HALL, idCard } from './shared';

export const civilAffairsServices = [
  {
    code: '321300-QR-00701-001',
    name: '内地居民结婚登记',
    nameEn: 'Marriage registration (mainland residents)',
    departmentId: 'civil-affairs',
    type: '行政确认',
    lifeEventIds: ['marriage'],
    legalBasis: [
      {
        title: '《中华人民共和国民法典》',
        clause: '第一千零四十六条：结婚应当男女双方完全自愿。第一千零四十七条：结婚年龄，男不得早于二十二周岁，女不得早于二十周岁。',
      },
      {
        title: '《中华人民共和国民法典》',
        clause: '第一千零四十九条：要求结婚的男女双方应当亲自到婚姻登记机关申请结婚登记。符合本法规定的，予以登记，发给结婚证。',
      },
      {
        title: '《婚姻登记条例》（2025年4月6日国务院令第804号修订）',
        clause: '第二章 结婚登记：申请结婚登记应当出具本人的居民身份证，以及本人无配偶、与对方当事人没有直系血亲和三代以内旁系血亲关系的签字声明。',
      },
    ],
    applicant: '要求结婚的内地居民男女双方',
    conditions: ['男女双方完全自愿', '男方年满22周岁，女方年满20周岁', '双方均无配偶', '双方不属于直系血亲或者三代以内的旁系血亲', '男女双方共同亲自到婚姻登记机关申请'],
    materials: [
      idCard({
        name: '双方居民身份证',
        nameEn: 'Identity cards of both parties',
        copies: 2,
        form: 'paper',
        original: true,
        note: '双方各自出示本人居民身份证原件，身份信息通过公安人口库共享核验；无需户口簿',
      }),
      {
        id: 'marriage-declaration',
        name: '申请结婚登记声明书',
        nameEn: 'Declaration for marriage registration',
        copies: 2,
        form: 'paper',
        original: true,
        source: '登记处现场填写，双方在登记员面前签名',
        sample: '《申请结婚登记声明书》填写示范（婚姻登记处及自助机“示范文本”页可查看）',
        sharedFrom: null,
        rongque: false,
        required: true,
        note: '声明本人无配偶，且与对方没有直系血亲和三代以内旁系血亲关系',
      },
      {
        id: 'couple-photo',
        name: '双方近期半身免冠合影照片',
        nameEn: 'Recent joint half-length photos of the couple',
        copies: 3,
        form: 'paper',
        original: true,
        source: '申请人自备，或在婚姻登记处现场拍摄',
        sample: '2寸（3.5cm×5.3cm）红色背景合影',
        sharedFrom: null,
        rongque: false,
        required: true,
      },
    ],
    timeLimit: { kind: 'on_the_spot' },
    fees: { kind: 'free' },
    flow: [
      { step: '申请', detail: '可在自助机、“苏服办”App或江苏民政婚姻登记预约平台预约登记日期；双方持身份证共同到婚姻登记处申请（依法须本人到场）' },
      { step: '受理', detail: '婚姻登记员现场核验身份并受理' },
      { step: '审查', detail: '通过全国婚姻登记信息系统和公安人口库网上核查双方婚姻状况（网上审查）' },
      { step: '决定', detail: '符合条件的当场予以登记' },
      { step: '送达', detail: '当场颁发结婚证，同步生成电子婚姻登记证照' },
    ],
    channels: ['max_once'],
    kioskFull: false,
    kioskNote:
      '依法须男女双方共同亲自到婚姻登记机关办理，不能在自助机全程办理。请到宿迁市婚姻登记处（市政务服务中心三楼东侧）办理，已实行婚姻登记“全国通办”，也可到全国任一婚姻登记机关办理；本机可预约登记日期、查看办理须知。',
    place: `宿迁市婚姻登记处（${HALL}三楼东侧）`,
    hours: `${COUNTER_HOURS}；5月20日、七夕等特殊日期另行公告`,
    result: { name: '结婚证', delivery: ['counter'] },
    consultation: {
      phone: '0527-84360707',
      detail: '宿迁市婚姻登记处咨询电话（工作日）',
    },
    complaint: COMPLAINT,
    keywords: ['结婚', '结婚证', '领证', '婚姻登记', '结婚登记', '领结婚证'],
  },
] satisfies Service[];
