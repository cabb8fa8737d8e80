import { Icon } from '../components/Icon';
import { useT } from '../i18n/useT';
import { useSession } from '../session/SessionContext';
import { QUICK_TERMS, QUICK_TERMS_EN } from './quick-terms';

const ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'] as const;

interface Props {
  onKey: (letter: string) => void;
  onDelete: () => void;
  onClear: () => void;
  onTerm: (term: string) => void;
}

/** Letters for pinyin (initials or full), plus one-tap common terms: the kiosk has no keyboard.
 *  Letters come first so they stay above the bottom bar even in large-text mode. */
export function OnScreenKeyboard({ onKey, onDelete, onClear, onTerm }: Props) {
  const t = useT();
  const english = useSession().state.lang === 'en';
  return (
    <div className="osk" role="group" aria-label={t.keyboardLabel} data-testid="osk">
      {ROWS.map((row, i) => (
        <div key={row} className={`osk-row osk-row-${i}`}>
          {[...row].map((k) => (
            <button key={k} type="button" className="osk-key" onClick={() => onKey(k)} data-key={k}>
              {k}
            </button>
          ))}
          {i === ROWS.length - 1 && (
            <>
              <button type="button" className="osk-key osk-wide osk-space" onClick={() => onKey(' ')} data-key="space">
                {t.keySpace}
              </button>
              <button type="button" className="osk-key osk-wide" onClick={onDelete} data-key="delete">
                <Icon name="backspace" />
                {t.keyDelete}
              </button>
              <button type="button" className="osk-key osk-wide" onClick={onClear} data-key="clear">
                {t.keyClear}
              </button>
            </>
          )}
        </div>
      ))}

      <h2 className="osk-terms-title" id="quick-terms-title">
        {t.quickTerms}
      </h2>
      <ul className="osk-terms" aria-labelledby="quick-terms-title">
        {QUICK_TERMS.map((term) => (
          <li key={term}>
            {english ? (
              <button type="button" className="btn osk-term osk-term-en" onClick={() => onTerm(term)} data-testid="quick-term">
                {QUICK_TERMS_EN[term]}
                <span className="osk-term-zh" lang="zh-CN">
                  {term}
                </span>
              </button>
            ) : (
              <button type="button" className="btn osk-term" lang="zh-CN" onClick={() => onTerm(term)} data-testid="quick-term">
                {term}
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
