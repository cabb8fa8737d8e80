import type { ReactNode } from 'react';

export function GuideSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="guide-section panel" id={`sec-${id}`} aria-labelledby={`sec-${id}-title`} data-testid={`guide-${id}`}>
      <h2 id={`sec-${id}-title`} className="section-title">
        {title}
      </h2>
      {children}
    </section>
  );
}
