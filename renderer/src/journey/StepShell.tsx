// The frame every journey step shares: a titled section (the title names the section for screen
// readers and takes the e2e test id), the lead line and the step's warning, if any.
import type { ReactNode } from 'react';

export function StepShell(props: { id: string; testId: string; title: ReactNode; lead?: ReactNode; problem?: { testId: string; text: ReactNode } | null; children?: ReactNode }) {
  return (
    <section className="journey-step" aria-labelledby={`${props.id}-title`} data-testid={props.testId} data-step={props.id}>
      <h1 id={`${props.id}-title`} className="journey-title">
        {props.title}
      </h1>
      {props.lead !== undefined && <p className="journey-lead">{props.lead}</p>}
      {props.problem && (
        <p className="notice notice-warn" role="alert" data-testid={props.problem.testId}>
          {props.problem.text}
        </p>
      )}
      {props.children}
    </section>
  );
}
