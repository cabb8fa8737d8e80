import type { InferResponseType } from 'hono/client';
import { useEffect, useState } from 'react';
import { api } from '../api';

type ServiceResponse = InferResponseType<(typeof api.catalog.services)[':code']['$get']>;
export type GuideData = Extract<ServiceResponse, { service: unknown }>;

export type GuideState = { kind: 'loading' } | { kind: 'ready'; data: GuideData } | { kind: 'not-found' } | { kind: 'unavailable' } | { kind: 'unreachable' };

/** The full guide of one service, from the kiosk's cached catalog (works offline). */
export function useGuide(code: string): GuideState {
  const [state, setState] = useState<GuideState>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    setState({ kind: 'loading' });
    void (async () => {
      try {
        const res = await api.catalog.services[':code'].$get({ param: { code } });
        if (!live) return;
        if (res.status === 503) return setState({ kind: 'unavailable' });
        if (res.status === 404 || res.status === 400) return setState({ kind: 'not-found' });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const data = (await res.json()) as GuideData;
        if (live) setState({ kind: 'ready', data });
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
