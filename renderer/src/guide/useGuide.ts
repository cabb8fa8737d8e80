import { useEffect, useState } from 'react';
import { api } from '../api';
import { call, type Answer } from '../call';

export type GuideData = Answer<(typeof api.catalog.services)[':code']['$get']>;

export type GuideState = { kind: 'loading' } | { kind: 'ready'; data: GuideData } | { kind: 'not-found' } | { kind: 'unavailable' } | { kind: 'unreachable' };

/** The full guide of one service, from the kiosk's cached catalog (works offline). */
export function useGuide(code: string): GuideState {
  const [state, setState] = useState<GuideState>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    setState({ kind: 'loading' });
    void (async () => {
      try {
        const r = await call(api.catalog.services[':code'].$get({ param: { code } }));
        if (!live) return;
        if (r.ok) return setState({ kind: 'ready', data: r.value });
        if (r.error.status === 503) return setState({ kind: 'unavailable' });
        if (r.error.status === 404 || r.error.status === 400) return setState({ kind: 'not-found' });
        throw new Error(r.error.message);
      } catch {
        if (live) setState({ kind: 'unreachable' });
      }
    })();
    return () => {
      live = false;
    };
  }, [code]);
  return state;
}
