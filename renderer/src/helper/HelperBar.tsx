// Shown on every screen while a helper is signed in: who is applying on residents' behalf, their
// case list, and sign-out. The citizen's own reset (finish, idle) leaves the helper signed in.
import { api } from '../api';
import { send } from '../call';
import { useSession } from '../session/SessionContext';
import { useHelperT } from './strings';
import { useHelperPresence } from './useHelperPresence';
import './helper.css';

export function HelperBar({ idleSec }: { idleSec: number }) {
  const t = useHelperT();
  const { state, dispatch, open, screen } = useSession();
  useHelperPresence(idleSec);
  if (!state.helper) return null;
  const signOut = () => {
    void send(api.helper.session.$delete({ query: { reason: 'sign-out' } }));
    // The resident being served leaves with the helper: their card and pages go too.
    void send(api.system.session.end.$post({ json: { reason: 'finish' } }));
    dispatch({ type: 'helper-signed-out' });
  };
  return (
    <aside className="hp-bar" aria-label={t.bar(state.helper.name, state.helper.id)} data-testid="helper-bar">
      <p className="hp-bar-who">
        <strong>{t.bar(state.helper.name, state.helper.id)}</strong>
        <span className="hp-bar-hint">{t.barHint}</span>
      </p>
      <div className="hp-bar-actions">
        {screen.kind !== 'helper-cases' && (
          <button type="button" className="btn btn-secondary" data-testid="helper-my-cases" onClick={() => open({ kind: 'helper-cases' })}>
            {t.myCases}
          </button>
        )}
        <button type="button" className="btn btn-secondary" data-testid="helper-sign-out" onClick={signOut}>
          {t.signOut}
        </button>
      </div>
    </aside>
  );
}

/** The way in from the attract screen (hidden while a helper is signed in). */
export function HelperEntry() {
  const t = useHelperT();
  const { state, dispatch, open } = useSession();
  if (state.helper) return null;
  return (
    <button
      type="button"
      className="btn btn-secondary hp-entry"
      data-testid="helper-entry"
      onClick={() => {
        dispatch({ type: 'home' });
        open({ kind: 'helper-sign-in' });
      }}
    >
      {t.entry}
    </button>
  );
}
