// The on-screen keyboard of the form: digits first (numbers, dates, phone and ID numbers are
// most of what is typed), letters, and the few signs forms need. Chinese characters come from
// the system input method (pinyin / handwriting) where the OS provides one.
import { useJourneyT } from './strings';

const ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm-'] as const;

export function FormKeyboard({ onKey, onDelete, onClear, onDone, upper }: { onKey: (k: string) => void; onDelete: () => void; onClear: () => void; onDone: () => void; upper: boolean }) {
  const t = useJourneyT();
  return (
    <div className="osk form-osk" role="group" aria-label={t.keyboard} data-testid="form-osk">
      {ROWS.map((row, i) => (
        <div key={row} className={`osk-row osk-row-${i}`}>
          {[...row].map((k) => (
            <button key={k} type="button" className="osk-key" onMouseDown={(e) => e.preventDefault()} onClick={() => onKey(upper ? k.toUpperCase() : k)} data-key={k}>
              {upper ? k.toUpperCase() : k}
            </button>
          ))}
        </div>
      ))}
      <div className="osk-row">
        <button type="button" className="osk-key osk-wide" onMouseDown={(e) => e.preventDefault()} onClick={() => onKey(' ')} data-key="space">
          {t.keySpace}
        </button>
        <button type="button" className="osk-key osk-wide" onMouseDown={(e) => e.preventDefault()} onClick={onDelete} data-key="delete">
          {t.keyDelete}
        </button>
        <button type="button" className="osk-key osk-wide" onMouseDown={(e) => e.preventDefault()} onClick={onClear} data-key="clear">
          {t.keyClear}
        </button>
        <button type="button" className="osk-key osk-wide osk-done" onClick={onDone} data-key="done">
          {t.keyDone}
        </button>
      </div>
      <p className="osk-hint">{t.imeHint}</p>
    </div>
  );
}
