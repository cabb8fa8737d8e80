// The callback number, typed on large on-screen digits (a terminal has no keyboard). Checked here
// with the same rule central applies, so a mistake is said at once and in words.
import { useState } from 'react';
import { CALLBACK_PHONE_PATTERN } from '../../../common/contact-patterns';
import { useHelpT } from './strings';

export function CallbackForm({ onSubmit, onCancel }: { onSubmit: (phone: string) => Promise<boolean>; onCancel: () => void }) {
  const t = useHelpT();
  const [phone, setPhone] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const key = (k: string) => (
    <button key={k} type="button" className="help-key" onClick={() => setPhone((v) => (v.length < 13 ? v + k : v))} data-key={k}>
      {k}
    </button>
  );
  const submit = async () => {
    if (!CALLBACK_PHONE_PATTERN.test(phone.trim())) return setProblem(t.phoneInvalid);
    setBusy(true);
    const done = await onSubmit(phone);
    setBusy(false);
    if (!done) setProblem(t.callbackFailed);
  };
  return (
    <div className="help-callback">
      <label htmlFor="help-phone" className="help-big">
        {t.phoneLabel}
      </label>
      <output id="help-phone" className="help-phone" data-testid="callback-phone" data-personal="">
        {phone || '\u00a0'}
      </output>
      {problem && (
        <p className="help-warn" role="alert" data-testid="callback-problem">
          {problem}
        </p>
      )}
      <div className="help-keypad" role="group" aria-label={t.phoneLabel}>
        {[...'123456789'].map(key)}
        {key('-')}
        {key('0')}
        <button type="button" className="help-key" onClick={() => setPhone((v) => v.slice(0, -1))} data-key="delete">
          {t.keyDelete}
        </button>
      </div>
      <div className="help-actions">
        <button type="button" className="btn btn-primary btn-xl" onClick={() => void submit()} disabled={busy || phone.length === 0} data-testid="callback-submit">
          {t.submitNumber}
        </button>
        <button type="button" className="btn btn-secondary btn-xl" onClick={onCancel}>
          {t.cancel}
        </button>
      </div>
    </div>
  );
}
