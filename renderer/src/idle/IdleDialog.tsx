import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n/useT';
import '../speech/visually-hidden.css';

/** The moments the countdown is announced (and said aloud): every ten seconds, then at five. */
function announcedSecond(secondsLeft: number, first: number): boolean {
  return secondsLeft === first || secondsLeft % 10 === 0 || secondsLeft === 5;
}

/** The visible warning before an idle reset: nobody loses their place without seeing this. */
export function IdleDialog({ secondsLeft, onContinue }: { secondsLeft: number; onContinue: () => void }) {
  const t = useT();
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => button.current?.focus(), []);
  // A live region that changes every second would talk over everything else; it changes at a
  // few moments and holds the words the title shows then.
  const first = useRef(secondsLeft);
  const [announced, setAnnounced] = useState(secondsLeft);
  useEffect(() => {
    if (announcedSecond(secondsLeft, first.current)) setAnnounced(secondsLeft);
  }, [secondsLeft]);
  return (
    <div className="dialog-backdrop idle-backdrop">
      <div className="idle-dialog" role="alertdialog" aria-modal="true" aria-labelledby="idle-title" aria-describedby="idle-body" data-testid="idle-dialog">
        <div className="idle-count" aria-hidden="true">
          {secondsLeft}
        </div>
        <h2 id="idle-title">{t.idleTitle(secondsLeft)}</h2>
        <p id="idle-body" data-spoken>
          {t.idleBody}
        </p>
        <p className="visually-hidden" role="timer" aria-live="assertive" aria-atomic="true" data-testid="idle-announcer" data-spoken>
          {t.idleTitle(announced)}
        </p>
        <button ref={button} type="button" className="btn btn-primary btn-xl" onClick={onContinue}>
          {t.idleContinue}
        </button>
      </div>
    </div>
  );
}
