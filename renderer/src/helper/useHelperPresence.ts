// Keeps the renderer's helper in step with the backend session: signs the helper out after the
// configured time without a touch, keeps the backend session alive while the helper works, and
// drops the helper when the backend ended the session (idle there, or another sign-in).
import { useEffect, useRef } from 'react';
import { api } from '../api';
import { call, send } from '../call';
import { useSession } from '../session/SessionContext';
import { useSystem } from '../system/SystemContext';

const PING_EVERY_MS = 20_000;

export function useHelperPresence(idleSec: number): void {
  const { state, dispatch } = useSession();
  const { subscribe } = useSystem();
  const signedIn = state.helper !== null;
  const lastPing = useRef(0);

  useEffect(() => {
    if (!signedIn) return;
    let timer = 0;
    const expire = () => {
      void send(api.helper.session.$delete({ query: { reason: 'idle' } }));
      void send(api.system.session.end.$post({ json: { reason: 'idle' } }));
      dispatch({ type: 'helper-signed-out' });
    };
    const activity = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(expire, idleSec * 1000);
      const now = Date.now();
      if (now - lastPing.current > PING_EVERY_MS) {
        lastPing.current = now;
        void call(api.helper.session.$get())
          .then((r) => {
            if (!r.ok || !r.value.signedIn) dispatch({ type: 'helper-signed-out' });
          })
          .catch(() => undefined);
      }
    };
    activity();
    const opts = { capture: true, passive: true } as const;
    for (const ev of ['pointerdown', 'keydown'] as const) window.addEventListener(ev, activity, opts);
    return () => {
      window.clearTimeout(timer);
      for (const ev of ['pointerdown', 'keydown'] as const) window.removeEventListener(ev, activity, opts);
    };
  }, [signedIn, idleSec, dispatch]);

  useEffect(
    () =>
      subscribe((e) => {
        if (e.type === 'helper.signed-out' && signedIn) {
          void send(api.system.session.end.$post({ json: { reason: 'idle' } }));
          dispatch({ type: 'helper-signed-out' });
        }
      }),
    [subscribe, signedIn, dispatch],
  );
}
