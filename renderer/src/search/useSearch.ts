import { useEffect, useState } from 'react';
import type { ServiceListItem } from '../catalog/CatalogContext';
import { api } from '../api';
import { call } from '../call';

export type SearchState =
  { kind: 'idle' } | { kind: 'loading'; query: string; previous: ServiceListItem[] } | { kind: 'done'; query: string; results: ServiceListItem[] } | { kind: 'unavailable' } | { kind: 'error' };

const DEBOUNCE_MS = 120;

/** Live search on the backend (it holds the pinyin index, so the bundle does not). */
export function useSearch(query: string): SearchState {
  const [state, setState] = useState<SearchState>({ kind: 'idle' });
  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setState({ kind: 'idle' });
      return;
    }
    const ctl = new AbortController();
    setState((s) => ({ kind: 'loading', query: q, previous: s.kind === 'done' ? s.results : s.kind === 'loading' ? s.previous : [] }));
    const timer = setTimeout(
      () =>
        void (async () => {
          try {
            const r = await call(api.catalog.search.$get({ query: { q } }, { init: { signal: ctl.signal } }));
            if (!r.ok && r.error.status === 503) return setState({ kind: 'unavailable' });
            if (!r.ok) throw new Error(r.error.message);
            setState({ kind: 'done', query: q, results: r.value.results });
          } catch (e) {
            if (!ctl.signal.aborted) setState({ kind: 'error' });
          }
        })(),
      DEBOUNCE_MS,
    );
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [query]);
  return state;
}
