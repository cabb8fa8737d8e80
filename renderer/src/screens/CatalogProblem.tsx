import { useCatalog } from '../catalog/CatalogContext';
import { useT } from '../i18n/useT';

/** Shown in place of any catalog screen when the list cannot be shown: says why and what to do. */
export function CatalogProblem({ kind }: { kind: 'unavailable' | 'unreachable' }) {
  const t = useT();
  const { retrySync, reload } = useCatalog();
  return (
    <section className="problem" aria-labelledby="problem-title" data-testid={`catalog-${kind}`}>
      <h1 id="problem-title">{kind === 'unavailable' ? t.unavailableTitle : t.backendDownTitle}</h1>
      <p>{kind === 'unavailable' ? t.unavailableBody : t.backendDownBody}</p>
      {kind === 'unavailable' && <p>{t.unavailableWhat}</p>}
      <p className="problem-help">
        {t.helpLine} <strong>12345</strong>
      </p>
      <button type="button" className="btn btn-primary btn-xl" onClick={() => void (kind === 'unavailable' ? retrySync() : reload())} data-testid="catalog-retry">
        {t.retry}
      </button>
    </section>
  );
}

export function Loading() {
  const t = useT();
  return (
    <p className="loading" role="status">
      {t.loading}
    </p>
  );
}
