import { ServiceList } from '../components/ServiceRow';
import { useT } from '../i18n/useT';
import { OnScreenKeyboard } from '../search/OnScreenKeyboard';
import { useSearch } from '../search/useSearch';
import { useSession } from '../session/SessionContext';
import { MAX_QUERY } from '../session/session';
import { CatalogProblem } from './CatalogProblem';
import { useTrackStep } from '../usage/useTrackStep';

export function SearchScreen() {
  useTrackStep('search', 'browse');
  const t = useT();
  const { state, dispatch } = useSession();
  const query = state.query;
  const search = useSearch(query);
  const set = (value: string) => dispatch({ type: 'query', value });

  if (search.kind === 'unavailable') return <CatalogProblem kind="unavailable" />;
  const results = search.kind === 'done' ? search.results : search.kind === 'loading' ? search.previous : [];

  return (
    <div className="search-screen">
      <div className="search-input-area">
        <h1 className="screen-title">{t.searchTitle}</h1>
        <label htmlFor="search-input" className="search-label">
          {t.searchLabel}
        </label>
        <input
          id="search-input"
          className="search-input"
          type="search"
          // no system keyboard popping up over the on-screen one on touch screens
          inputMode="none"
          autoComplete="off"
          spellCheck={false}
          maxLength={MAX_QUERY}
          placeholder={t.searchPlaceholder}
          value={query}
          onChange={(e) => set(e.target.value)}
          data-testid="search-input"
        />
        <OnScreenKeyboard onKey={(k) => set(query + k)} onDelete={() => set([...query].slice(0, -1).join(''))} onClear={() => set('')} onTerm={set} />
      </div>
      <section className="search-results panel" aria-labelledby="results-title" aria-busy={search.kind === 'loading'}>
        <h2 id="results-title" className="section-title">
          {t.resultsTitle}
        </h2>
        <p className="results-status" role="status" data-testid="results-status" data-query={search.kind === 'done' ? search.query : ''}>
          {search.kind === 'idle' && t.searchHint}
          {search.kind === 'loading' && !results.length && t.searching}
          {search.kind === 'done' && (search.results.length ? t.resultsCount(search.results.length) : t.resultsNone(search.query))}
          {search.kind === 'error' && t.backendDownBody}
        </p>
        {search.kind === 'done' && !search.results.length && <p className="results-help">{t.resultsNoneHelp}</p>}
        {results.length > 0 && <ServiceList services={results} />}
      </section>
    </div>
  );
}
