// One-line usage tracking for a screen: reports the step once when the screen opens.
import { useEffect } from 'react';
import { trackStep } from './track';

export function useTrackStep(step: string, journey = 'apply'): void {
  useEffect(() => trackStep(step, journey), [step, journey]);
}
