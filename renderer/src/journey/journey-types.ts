// Shapes the journey screens pass around, derived from the backend's answers (typed client).
import type { api } from '../api';
import type { Answer } from '../call';

export type FormAnswer = Answer<(typeof api.journey.services)[':code']['form']['$get']>;
export type MaterialsAnswer = Answer<(typeof api.journey.services)[':code']['materials']['$post']>;
export type SubmitAnswer = Answer<typeof api.journey.submit.$post>;
export type MaskedIdentityView = NonNullable<Answer<typeof api.journey.identity.$get>['identity']>;

export interface ScannedPage {
  id: string;
  width: number;
  height: number;
}
