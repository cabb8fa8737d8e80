import { useEffect, useRef } from 'react';
import { useT } from '../i18n/useT';

/** The visible warning before an idle reset: nobody loses their place without seeing this. */
export function IdleDialog({ secondsLeft, onContinue }: { secondsLeft: number; onContinue: () => void }) {
  const t = useT();
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => button.current?.focus(), []);
  return (
    <div className="idle-backdrop">
      <div className="idle-dialog" role="alertdialog" aria-modal="true" aria-labelledby="idle-title" aria-describedby="idle-body" data-testid="idle-dialog">
        <div className="idle-count" aria-hidden="true">
          {secondsLeft}
        </div>
        <h2 id="idle-title">{t.idleTitle(secondsLeft)}</h2>
        <p id="idle-body">{t.idleBody}</p>
        <button ref={button} type="button" className="btn btn-primary btn-xl" onClick={onContinue}>
          {t.idleContinue}
        </button>
      </div>
    </div>
  );
}
