// One line of a facts list (<dl>): the term in the interface language, the value as given —
// `zh` marks catalog content, which is not translated, as Chinese for screen readers.
import type { ReactNode } from 'react';

export function Fact({ term, zh, className, testId, children }: { term: ReactNode; zh?: boolean; className?: string; testId?: string; children: ReactNode }) {
  return (
    <div className={className}>
      <dt>{term}</dt>
      <dd lang={zh ? 'zh-CN' : undefined} data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}
