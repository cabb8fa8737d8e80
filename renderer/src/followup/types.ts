// The follow-up answers as the backend sends them (main/backend/followup/progress-view.ts).
export type { CaseProgressView as CaseView, ProgressAnswer } from '../../../main/backend/followup/progress-view';
