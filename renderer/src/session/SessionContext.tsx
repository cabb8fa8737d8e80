import { createContext, useContext, useEffect, useMemo, useReducer, type ReactNode } from 'react';
import { currentScreen, initialSession, sessionReducer, type Lang, type Screen, type SessionAction, type SessionState } from './session';

interface SessionApi {
  state: SessionState;
  screen: Screen;
  dispatch: (a: SessionAction) => void;
  open: (s: Screen) => void;
}

const Ctx = createContext<SessionApi | null>(null);

export function SessionProvider({ defaultLang, children }: { defaultLang: Lang; children: ReactNode }) {
  const [state, dispatch] = useReducer(sessionReducer, defaultLang, initialSession);
  const screen = currentScreen(state);

  // The document's language and display modes (text size, contrast, reach) follow the session, so screen readers, axe and
  // font fallback see the right language, and rem-based layout scales as a whole.
  useEffect(() => {
    document.documentElement.lang = state.lang;
  }, [state.lang]);
  const { textSize, highContrast, lowReach } = state.display;
  useEffect(() => {
    const html = document.documentElement.classList;
    html.toggle('large-text', textSize > 0);
    for (const step of [1, 2, 3]) html.toggle(`text-${step}`, textSize === step);
    html.toggle('high-contrast', highContrast);
    html.toggle('low-reach', lowReach);
  }, [textSize, highContrast, lowReach]);
  // Each new screen starts at the top; a citizen should never land mid-page.
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [state.stack.length, screen, state.generation]);

  const api = useMemo<SessionApi>(() => ({ state, screen, dispatch, open: (s) => dispatch({ type: 'open', screen: s }) }), [state, screen]);
  return <Ctx.Provider value={api}>{children}</Ctx.Provider>;
}

export function useSession(): SessionApi {
  const v = useContext(Ctx);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}
