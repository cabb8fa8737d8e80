// The on-screen keyboard of the form: digits first (numbers, dates, phone and ID numbers are
// most of what is typed), letters, and the few signs forms need. For Chinese text fields the
// letters spell pinyin and the candidates row puts characters into the field (the backend holds
// the pinyin index); a system IME or handwriting panel, where the OS offers one, works as well.
import { useEffect, useState } from 'react';
import { api } from '../api';
import { call } from '../call';
import { useJourneyT } from './strings';

const ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm-'] as const;
const noFocusSteal = (e: React.MouseEvent) => e.preventDefault();

export function FormKeyboard(props: { onKey: (k: string) => void; onDelete: () => void; onClear: () => void; onDone: () => void; upper: boolean; chinese: boolean }) {
  const t = useJourneyT();
  const [pinyinMode, setPinyinMode] = useState(props.chinese);
  const [typed, setTyped] = useState('');
  const [candidates, setCandidates] = useState<string[]>([]);
  const pinyin = props.chinese && pinyinMode;

  useEffect(() => setPinyinMode(props.chinese), [props.chinese]);
  useEffect(() => {
    if (!typed) return setCandidates([]);
    let live = true;
    void call(api.journey.ime.$get({ query: { q: typed } }))
      .then((r) => live && r.ok && setCandidates(r.value.candidates))
      .catch(() => undefined);
    return () => void (live = false);
  }, [typed]);

  const letter = (k: string) => {
    if (pinyin && /[a-z]/.test(k)) return setTyped((x) => (x + k).slice(0, 6));
    props.onKey(props.upper ? k.toUpperCase() : k);
  };
  const choose = (c: string) => {
    props.onKey(c);
    setTyped('');
  };

  return (
    <div className="osk form-osk" role="group" aria-label={t.keyboard} data-testid="form-osk" data-mode={pinyin ? 'pinyin' : 'latin'}>
      {pinyin && (
        <div className="ime-bar" data-testid="ime-bar">
          <span className="ime-typed" aria-live="polite" data-testid="ime-typed">
            {typed || t.imeType}
          </span>
          <div className="ime-candidates" role="group" aria-label={t.imeCandidates}>
            {candidates.slice(0, 12).map((c) => (
              <button key={c} type="button" className="osk-key ime-candidate" lang="zh-CN" onMouseDown={noFocusSteal} onClick={() => choose(c)} data-testid="ime-candidate" data-char={c}>
                {c}
              </button>
            ))}
          </div>
        </div>
      )}
      {ROWS.map((row, i) => (
        <div key={row} className={`osk-row osk-row-${i}`}>
          {[...row].map((k) => (
            <button key={k} type="button" className="osk-key" onMouseDown={noFocusSteal} onClick={() => letter(k)} data-key={k}>
              {props.upper ? k.toUpperCase() : k}
            </button>
          ))}
        </div>
      ))}
      <div className="osk-row">
        {props.chinese && (
          <button type="button" className="osk-key osk-wide" aria-pressed={pinyin} onMouseDown={noFocusSteal} onClick={() => (setPinyinMode((m) => !m), setTyped(''))} data-key="mode">
            {pinyin ? t.modePinyin : t.modeLatin}
          </button>
        )}
        <button type="button" className="osk-key osk-wide" onMouseDown={noFocusSteal} onClick={() => props.onKey(' ')} data-key="space">
          {t.keySpace}
        </button>
        <button type="button" className="osk-key osk-wide" onMouseDown={noFocusSteal} onClick={() => (typed ? setTyped((x) => x.slice(0, -1)) : props.onDelete())} data-key="delete">
          {t.keyDelete}
        </button>
        <button type="button" className="osk-key osk-wide" onMouseDown={noFocusSteal} onClick={() => (setTyped(''), props.onClear())} data-key="clear">
          {t.keyClear}
        </button>
        <button type="button" className="osk-key osk-wide osk-done" onClick={props.onDone} data-key="done">
          {t.keyDone}
        </button>
      </div>
      <p className="osk-hint">{t.imeHint}</p>
    </div>
  );
}
