// The printed 办事指南: the same elements, in the same order, as the guide on screen, so a citizen
// who takes the paper home can gather every material without coming back to ask.
import type { Department, Material, Service } from '../../common/catalog';
import { chinaIsoDate } from '../../common/china-time';
import type { A4Doc } from '../model/a4-doc';
import { GUIDE_TEXT as T } from './guide-text';

type Block = A4Doc['blocks'][number];

function timeLimitLine(t: Service['timeLimit']): string {
  return t.kind === 'on_the_spot' ? T.onTheSpot : T.workingDays(t.legal, t.promised);
}

/**
 * A law's title in 书名号. The catalogue writes most titles with their marks and document number
 * (《…办法》（人社部发〔2011〕47号）), some without: only a bare title gets marks added.
 */
function lawTitle(title: string): string {
  const t = title.trim();
  return t.startsWith('《') ? t : `《${t}》`;
}

function materialLine(m: Material, i: number): string {
  // A material another department holds is fetched, not asked for: nothing about copies, form
  // or "required" may stand beside 无需提交 and make the citizen bring it anyway.
  const parts = m.sharedFrom
    ? [T.shared(m.sharedFrom)]
    : [`${m.original ? T.original : T.photocopy} ${T.copies(m.copies)}`, T.form[m.form], T.source(m.source), ...(m.rongque ? [T.rongque] : []), ...(m.required ? [] : [T.optional])];
  if (m.sample && !m.sharedFrom) parts.push(T.sample(m.sample));
  if (m.note) parts.push(m.note);
  return `${i + 1}. ${m.name}（${parts.join('；')}）`;
}

function feeBlocks(f: Service['fees']): Block[] {
  if (f.kind === 'free') return [{ type: 'paragraph', text: T.free }];
  return [...f.items.map((item): Block => ({ type: 'paragraph', text: T.feeItem(item.name, item.standard, item.basis, item.reduction) })), { type: 'field', label: T.payment, value: f.payment }];
}

/** Builds the A4 guide. `printedAt` is passed in so the same service prints the same document in tests. */
export function guideDocument(s: Service, department: Department | null, catalogVersion: string, printedAt: Date): A4Doc {
  const blocks: Block[] = [
    { type: 'field', label: T.name, value: s.name },
    { type: 'field', label: T.code, value: s.code },
    { type: 'field', label: T.type, value: s.type },
    ...(department ? [{ type: 'field' as const, label: T.department, value: department.name }] : []),
    { type: 'field', label: T.channels, value: s.channels.map((c) => T.channel[c]).join(T.listSeparator) },
    { type: 'field', label: T.atThisKiosk, value: s.kioskFull ? T.kioskFull : T.kioskPartly(s.kioskNote ?? '') },
    { type: 'heading', text: T.legalBasis },
    ...s.legalBasis.map((b): Block => ({ type: 'paragraph', text: `${lawTitle(b.title)}${b.clause}` })),
    { type: 'heading', text: T.conditions },
    { type: 'field', label: T.applicant, value: s.applicant },
    ...s.conditions.map((c, i): Block => ({ type: 'paragraph', text: `${i + 1}. ${c}` })),
    { type: 'heading', text: T.materials },
    ...s.materials.map((m, i): Block => ({ type: 'paragraph', text: materialLine(m, i) })),
    { type: 'heading', text: T.timeLimit },
    { type: 'paragraph', text: timeLimitLine(s.timeLimit) },
    { type: 'heading', text: T.fees },
    ...feeBlocks(s.fees),
    { type: 'heading', text: T.flow },
    ...s.flow.map((f, i): Block => ({ type: 'paragraph', text: `${i + 1}. ${f.step}：${f.detail}` })),
    { type: 'heading', text: T.placeAndHours },
    { type: 'field', label: T.place, value: s.place },
    { type: 'field', label: T.hours, value: s.hours },
    { type: 'heading', text: T.result },
    { type: 'field', label: T.resultName, value: s.result.name },
    { type: 'field', label: T.delivery, value: s.result.delivery.map((d) => T.deliveryWay[d]).join(T.listSeparator) },
    { type: 'heading', text: T.contact },
    { type: 'field', label: T.consultation, value: T.phone(s.consultation.phone, s.consultation.detail) },
    { type: 'field', label: T.complaint, value: T.phone(s.complaint.phone, s.complaint.detail) },
    { type: 'paragraph', text: T.version(catalogVersion) },
  ];
  // the date the citizen reads at the foot of the page is the day in China, not in UTC
  return { title: T.title(s.name), blocks, reference: `GUIDE ${s.code} v${catalogVersion} ${chinaIsoDate(printedAt)}`.slice(0, 120) };
}
