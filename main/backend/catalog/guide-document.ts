// The printed 办事指南: the same elements, in the same order, as the guide on screen, so a citizen
// who takes the paper home can gather every material without coming back to ask.
import type { Department, Material, Service } from '../../../common/catalog';
import type { A4Doc } from '../../../devices/a4/pdf-builder';

type Block = A4Doc['blocks'][number];

const CHANNELS: Record<Service['channels'][number], string> = {
  online: '全程网办',
  kiosk: '自助机可办',
  max_once: '最多跑一次',
  post: '邮政寄递',
  helper: '帮办代办',
};

const DELIVERY: Record<Service['result']['delivery'][number], string> = {
  kiosk_print: '自助终端打印',
  post: '邮政寄递',
  online: '网上送达',
  counter: '窗口领取',
};

const FORM: Record<Material['form'], string> = { paper: '纸质', electronic: '电子', paper_or_electronic: '纸质或电子' };

export function timeLimitLine(t: Service['timeLimit']): string {
  return t.kind === 'on_the_spot' ? '当场办结' : `法定办结时限 ${t.legal} 个工作日，承诺办结时限 ${t.promised} 个工作日`;
}

export function materialLine(m: Material, i: number): string {
  const parts = [`${m.original ? '原件' : '复印件'} ${m.copies} 份`, FORM[m.form], `来源：${m.source}`];
  if (m.sharedFrom) parts.push(`由${m.sharedFrom}共享获取，无需提交`);
  if (m.rongque) parts.push('可容缺受理（签署告知承诺书后补交）');
  if (!m.required) parts.push('非必需');
  if (m.sample) parts.push(`样本：${m.sample}`);
  if (m.note) parts.push(m.note);
  return `${i + 1}. ${m.name}（${parts.join('；')}）`;
}

function feeBlocks(f: Service['fees']): Block[] {
  if (f.kind === 'free') return [{ type: 'paragraph', text: '本审批事项不收费' }];
  return [
    ...f.items.map((item): Block => ({
      type: 'paragraph',
      text: `${item.name}：${item.standard}（依据：${item.basis}${item.reduction ? `；减免：${item.reduction}` : ''}）`,
    })),
    { type: 'field', label: '缴费方式', value: f.payment },
  ];
}

/** Builds the A4 guide. `printedAt` is passed in so the same service prints the same document in tests. */
export function guideDocument(s: Service, department: Department | null, catalogVersion: string, printedAt: Date): A4Doc {
  const blocks: Block[] = [
    { type: 'field', label: '事项名称', value: s.name },
    { type: 'field', label: '事项编码', value: s.code },
    { type: 'field', label: '事项类型', value: s.type },
    ...(department ? [{ type: 'field' as const, label: '实施部门', value: department.name }] : []),
    { type: 'field', label: '办理渠道', value: s.channels.map((c) => CHANNELS[c]).join('、') },
    { type: 'field', label: '本机办理', value: s.kioskFull ? '本自助终端可全程办理' : `本自助终端不能全程办理：${s.kioskNote ?? ''}` },
    { type: 'heading', text: '实施依据' },
    ...s.legalBasis.map((b): Block => ({ type: 'paragraph', text: `《${b.title.replace(/^《|》$/g, '')}》${b.clause}` })),
    { type: 'heading', text: '申请条件' },
    { type: 'field', label: '申请主体', value: s.applicant },
    ...s.conditions.map((c, i): Block => ({ type: 'paragraph', text: `${i + 1}. ${c}` })),
    { type: 'heading', text: '申请材料' },
    ...s.materials.map((m, i): Block => ({ type: 'paragraph', text: materialLine(m, i) })),
    { type: 'heading', text: '办理时限' },
    { type: 'paragraph', text: timeLimitLine(s.timeLimit) },
    { type: 'heading', text: '收费标准' },
    ...feeBlocks(s.fees),
    { type: 'heading', text: '办理流程' },
    ...s.flow.map((f, i): Block => ({ type: 'paragraph', text: `${i + 1}. ${f.step}：${f.detail}` })),
    { type: 'heading', text: '办理地点与时间' },
    { type: 'field', label: '办理地点', value: s.place },
    { type: 'field', label: '受理时间', value: s.hours },
    { type: 'heading', text: '办理结果' },
    { type: 'field', label: '结果名称', value: s.result.name },
    { type: 'field', label: '送达方式', value: s.result.delivery.map((d) => DELIVERY[d]).join('、') },
    { type: 'heading', text: '咨询与投诉' },
    { type: 'field', label: '咨询电话', value: `${s.consultation.phone}（${s.consultation.detail}）` },
    { type: 'field', label: '投诉电话', value: `${s.complaint.phone}（${s.complaint.detail}）` },
    { type: 'paragraph', text: `本指南依据事项清单 ${catalogVersion} 版打印，以政务服务网公布的最新版本为准。` },
  ];
  const date = printedAt.toISOString().slice(0, 10);
  return { title: `${s.name} 办事指南`, blocks, reference: `GUIDE ${s.code} v${catalogVersion} ${date}`.slice(0, 120) };
}
