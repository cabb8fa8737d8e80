// The case statuses as the follow-up and helper screens name them: one table, so 办件进度 and
// 我的代办件 never call the same status two things.
import type { CaseStatus } from '../../../common/central-api';
import type { Lang } from '../session/session';

export const CASE_STATUS_LABEL: Record<Lang, Record<CaseStatus, string>> = {
  'zh-CN': { received: '已收件', accepted: '已受理', correction: '需补正', 'not-accepted': '不予受理', reviewing: '审查中', concluded: '已办结', delivered: '已送达' },
  en: { received: 'Received', accepted: 'Accepted', correction: 'Correction required', 'not-accepted': 'Not accepted', reviewing: 'Under review', concluded: 'Concluded', delivered: 'Delivered' },
};
