// 委托授权: on the helper channel the resident signs on screen that they authorise the helper to
// apply for them. The journey (renderer/src/journey) shows this step when state.helper is set and
// puts the result into the submission as `authorisation`.
import { useCallback, useRef, useState } from 'react';
import type { Authorisation } from '../../../common/submission';
import { useSession } from '../session/SessionContext';
import { SignatureCanvas, type SignatureCanvasHandle } from './SignatureCanvas';
import { useHelperT } from './strings';
import './helper.css';

export function AuthorisationStep({ applicantName, serviceName, onSigned, onBack }: { applicantName: string; serviceName: string; onSigned: (a: Authorisation) => void; onBack?: () => void }) {
  const t = useHelperT();
  const { state } = useSession();
  const pad = useRef<SignatureCanvasHandle>(null);
  const [hasInk, setHasInk] = useState(false);
  const onChange = useCallback((v: boolean) => setHasInk(v), []);
  const helper = state.helper;
  if (!helper) return null;
  return (
    <section className="hp-screen hp-authorise" aria-labelledby="hp-auth-title" data-testid="authorisation-step">
      <h1 id="hp-auth-title" className="screen-title">
        {t.authTitle}
      </h1>
      <p className="hp-auth-text" data-testid="authorisation-text">
        {t.authText(applicantName, helper.name, helper.id, serviceName)}
      </p>
      <p className="hp-waiting">{t.authSignHere}</p>
      <SignatureCanvas ref={pad} label={t.authSignHere} onChange={onChange} />
      <div className="hp-bar-actions">
        {onBack && (
          <button type="button" className="btn btn-secondary" onClick={onBack}>
            {t.back}
          </button>
        )}
        <button type="button" className="btn btn-secondary" data-testid="authorisation-clear" onClick={() => pad.current?.clear()}>
          {t.authClear}
        </button>
        <button
          type="button"
          className="btn btn-primary"
          data-testid="authorisation-confirm"
          disabled={!hasInk}
          onClick={() => {
            const data = pad.current?.png();
            if (data) onSigned({ signature: { mime: 'image/png', data }, signedAt: new Date().toISOString() });
          }}
        >
          {t.authConfirm}
        </button>
      </div>
    </section>
  );
}
