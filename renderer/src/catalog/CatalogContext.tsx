// The service list as the backend caches it. Reloaded when central publishes a new version;
// "unavailable" (503) is a normal state on a fresh terminal that has never synced.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Department, LifeEvent } from '../../../common/catalog';
import { api } from '../api';
import { call, send, type Answer } from '../call';
import { useSystem } from '../system/SystemContext';

export type CatalogListing = Answer<typeof api.catalog.$get>;
export type ServiceListItem = CatalogListing['services'][number];

export type CatalogState =
  { kind: 'loading' } | { kind: 'ready'; listing: CatalogListing; departments: Map<string, Department>; lifeEvents: Map<string, LifeEvent> } | { kind: 'unavailable' } | { kind: 'unreachable' };

interface CatalogApi {
  state: CatalogState;
  reload: () => Promise<void>;
  /** Asks the backend to sync with central now, then reloads (the "try again" button). */
  retrySync: () => Promise<void>;
}

const Ctx = createContext<CatalogApi | null>(null);

export function CatalogProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<CatalogState>({ kind: 'loading' });
  const { subscribe } = useSystem();
  const kind = useRef(state.kind);
  kind.current = state.kind;

  const reload = useCallback(async () => {
    try {
      const r = await call(api.catalog.$get());
      if (!r.ok && r.error.status === 503) return setState({ kind: 'unavailable' });
      if (!r.ok) throw new Error(r.error.message);
      const listing = r.value;
      setState({
        kind: 'ready',
        listing,
        departments: new Map(listing.departments.map((d) => [d.id, d])),
        lifeEvents: new Map(listing.lifeEvents.map((e) => [e.id, e])),
      });
    } catch {
      setState({ kind: 'unreachable' });
    }
  }, []);

  const retrySync = useCallback(async () => {
    setState({ kind: 'loading' });
    // reload below reports what is wrong
    await send(api.catalog.refresh.$post());
    await reload();
  }, [reload]);

  useEffect(() => {
    void reload();
  }, [reload]);

  useEffect(
    () =>
      subscribe((e) => {
        if (e.type === 'catalog.updated') void reload();
        // a terminal that had no list yet picks it up as soon as a sync succeeds
        if (e.type === 'catalog.sync' && e.state === 'ok' && kind.current !== 'ready') void reload();
      }),
    [subscribe, reload],
  );

  const value = useMemo(() => ({ state, reload, retrySync }), [state, reload, retrySync]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useCatalog(): CatalogApi {
  const v = useContext(Ctx);
  if (!v) throw new Error('useCatalog outside CatalogProvider');
  return v;
}
