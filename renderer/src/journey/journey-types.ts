// Shapes the journey screens pass around, derived from the backend's answers (typed client).
import type { InferResponseType } from 'hono/client';
import type { api } from '../api';

export type FormAnswer = InferResponseType<(typeof api.journey.services)[':code']['form']['$get'], 200>;
export type MaterialsAnswer = InferResponseType<(typeof api.journey.services)[':code']['materials']['$post'], 200>;
export type SubmitAnswer = InferResponseType<typeof api.journey.submit.$post, 201>;
export type MaskedIdentityView = NonNullable<InferResponseType<typeof api.journey.identity.$get>['identity']>;

export interface ScannedPage {
  id: string;
  width: number;
  height: number;
}
