// Terminal facts (config, catalog freshness) and the live event stream, shared by every screen.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { WireEvent } from '../../../common/events';
import { api } from '../api';
import { call, type Answer } from '../call';
import { KNOWN_EVENT_TYPES, parseKioskEvent } from './events';
import { syncStateFromInfo, type SyncState } from './sync-status';

export type SystemInfo = Answer<typeof api.system.info.$get>;

interface SystemApi {
  info: SystemInfo | null;
  /** true once the info request has failed (the local backend is down) */
  unreachable: boolean;
  syncState: SyncState;
  /** the SSE link to the backend is open */
  linkUp: boolean;
  refreshInfo: () => Promise<void>;
  subscribe: (fn: (e: WireEvent) => void) => () => void;
}

const Ctx = createContext<SystemApi | null>(null);
const RETRY_MS = 3000;

export function SystemProvider({ children }: { children: ReactNode }) {
  const [info, setInfo] = useState<SystemInfo | null>(null);
  const [unreachable, setUnreachable] = useState(false);
  const [syncState, setSyncState] = useState<SyncState>('pending');
  const [linkUp, setLinkUp] = useState(true);
  const listeners = useRef(new Set<(e: WireEvent) => void>());
  const bootId = useRef<string | null>(null);

  const refreshInfo = useCallback(async () => {
    try {
      const r = await call(api.system.info.$get());
      if (!r.ok) throw new Error(r.error.message);
      const next = r.value;
      bootId.current = next.bootId;
      setInfo(next);
      setSyncState(syncStateFromInfo(next.catalog.lastSync));
      setUnreachable(false);
    } catch {
      setUnreachable(true);
    }
  }, []);

  useEffect(() => {
    void refreshInfo();
  }, [refreshInfo]);

  // Until the first answer arrives, keep asking: the kiosk window may open before its backend.
  useEffect(() => {
    if (!unreachable) return;
    const t = setInterval(() => void refreshInfo(), RETRY_MS);
    return () => clearInterval(t);
  }, [unreachable, refreshInfo]);

  useEffect(() => {
    const source = new EventSource('/api/events');
    const onEvent = (m: MessageEvent<string>) => {
      const e = parseKioskEvent(m.data);
      if (!e) return;
      if (e.type === 'hello' && bootId.current && e.bootId !== bootId.current) void refreshInfo();
      if (e.type === 'catalog.sync') {
        setSyncState(e.state);
        // the event carries no timestamp; the info endpoint has the cached copy's fetch time
        void refreshInfo();
      }
      for (const l of listeners.current) l(e);
    };
    for (const type of KNOWN_EVENT_TYPES) source.addEventListener(type, onEvent);
    source.onopen = () => setLinkUp(true);
    source.onerror = () => setLinkUp(source.readyState === EventSource.OPEN);
    return () => source.close();
  }, [refreshInfo]);

  const subscribe = useCallback((fn: (e: WireEvent) => void) => {
    listeners.current.add(fn);
    return () => void listeners.current.delete(fn);
  }, []);

  const value = useMemo(() => ({ info, unreachable, syncState, linkUp, refreshInfo, subscribe }), [info, unreachable, syncState, linkUp, refreshInfo, subscribe]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSystem(): SystemApi {
  const v = useContext(Ctx);
  if (!v) throw new Error('useSystem outside SystemProvider');
  return v;
}
