// The follow-up answers as the backend sends them (main/backend/followup/progress-view.ts, written
// out for the renderer in common/api/kiosk-api-types.ts).
export type { CaseProgressView as CaseView, ProgressAnswer } from '../../../common/api/kiosk-api-types';
