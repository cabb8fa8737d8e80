// The entry to maintenance mode, mounted once in the kiosk shell: the hidden gesture opens the
// PIN pad; a good PIN wipes the citizen session and opens the maintenance screen; a 403 from
// the backend (idle expiry) closes it. Also rotates the anonymous usage-statistics session with
// every citizen session.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api';
import { send } from '../call';
import { useSession } from '../session/SessionContext';
import type { Lang } from '../session/session';
import { endUsageSession } from '../usage/track';
import { MaintenanceScreen } from './MaintenanceScreen';
import { PinPad } from './PinPad';
import { SessionExpired } from './tech-fetch';
import { useHiddenGesture } from './useHiddenGesture';
import '../styles/maintenance.css';

export function MaintenanceMode({ defaultLang }: { defaultLang: Lang }) {
  const { state, dispatch } = useSession();
  const [phase, setPhase] = useState<'closed' | 'pin' | 'open'>('closed');
  const [notice, setNotice] = useState<string | null>(null);
  useHiddenGesture(useCallback(() => setPhase((p) => (p === 'closed' ? 'pin' : p)), []));

  // A new citizen session (idle reset, finish) closes the anonymous statistics session.
  const generation = useRef(state.generation);
  useEffect(() => {
    if (state.generation !== generation.current) {
      generation.current = state.generation;
      endUsageSession();
    }
  }, [state.generation]);

  const onSignedIn = () => {
    dispatch({ type: 'reset', lang: defaultLang });
    setNotice(null);
    setPhase('open');
  };
  const exit = useCallback(async () => {
    setPhase('closed');
    // The next citizen starts from the normal display, not the technician's.
    dispatch({ type: 'reset', lang: defaultLang });
    await send(api.maintenance.session.$delete());
  }, [dispatch, defaultLang]);
  const onExpired = useCallback((e: unknown) => {
    if (e instanceof SessionExpired) {
      setPhase('closed');
      setNotice('维护会话已超时退出 / the maintenance session timed out');
    }
  }, []);

  return (
    <>
      {phase === 'pin' && <PinPad onSignedIn={onSignedIn} onCancel={() => setPhase('closed')} />}
      {phase === 'open' && <MaintenanceScreen onExit={() => void exit()} onExpired={onExpired} />}
      {notice && phase === 'closed' && (
        <p className="maint-toast" role="status" data-testid="maint-notice" onClick={() => setNotice(null)}>
          {notice}
        </p>
      )}
    </>
  );
}
