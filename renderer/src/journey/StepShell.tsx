// The frame every journey step shares: a titled section (the title names the section for screen
// readers; the e2e test id is `journey-` and the step's id; `data-phase` the step's phase, if it has
// phases), the lead line and the step's warning, if any. Title and lead are the step's spoken prompt (data-spoken); the heading takes the focus
// on arrival.
import type { ReactNode } from 'react';
import { useStepHeading } from './useStepHeading';

export function StepShell(props: { id: string; phase?: string; title: ReactNode; lead?: ReactNode; problem?: { testId: string; text: ReactNode } | null; children?: ReactNode }) {
  // a new phase of a step (the identify step's: waiting, read, no card) is a new place too
  const heading = useStepHeading(props.phase === undefined ? props.id : `${props.id}/${props.phase}`);
  return (
    <section className="journey-step panel" aria-labelledby={`${props.id}-title`} data-testid={`journey-${props.id}`} data-step={props.id} data-phase={props.phase}>
      <h1 id={`${props.id}-title`} className="journey-title" ref={heading} tabIndex={-1} data-spoken>
        {props.title}
      </h1>
      {props.lead !== undefined && (
        <p className="journey-lead" data-spoken>
          {props.lead}
        </p>
      )}
      {props.problem && (
        <p className="notice notice-warn" role="alert" data-testid={props.problem.testId}>
          {props.problem.text}
        </p>
      )}
      {props.children}
    </section>
  );
}
