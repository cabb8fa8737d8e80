// The words for a case's status wherever a screen shows one (the helper's case list, follow-up
// progress). Printed documents keep their own text tables.
import type { CaseStatus } from './central-api';

export const CASE_STATUS_LABELS: { readonly zh: Readonly<Record<CaseStatus, string>>; readonly en: Readonly<Record<CaseStatus, string>> } = {
  zh: { received: '已收件', accepted: '已受理', correction: '需补正', 'not-accepted': '不予受理', reviewing: '审查中', concluded: '已办结', delivered: '已送达' },
  en: { received: 'Received', accepted: 'Accepted', correction: 'Correction required', 'not-accepted': 'Not accepted', reviewing: 'Under review', concluded: 'Concluded', delivered: 'Delivered' },
};
