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

/** A facts list of catalog content (each value Chinese, as the catalog gives it); a fact without a value is left out. */
export function CatalogFacts({ facts }: { facts: readonly (readonly [term: string, value: string | null | undefined])[] }) {
  return (
    <dl className="facts">
      {facts.map(([term, value]) =>
        value ? (
          <Fact key={term} term={term} zh>
            {value}
          </Fact>
        ) : null,
      )}
    </dl>
  );
}
