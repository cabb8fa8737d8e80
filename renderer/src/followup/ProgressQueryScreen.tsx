// 办件进度查询, step one: the citizen places the ID card, scans the receipt QR, or types the
// receipt number. The backend reports a card or a code through a long poll; the identity
// itself never comes to this screen.
import { useState } from 'react';
import { RECEIPT_NO_PATTERN } from '../../../common/contact-patterns';
import { useSession } from '../session/SessionContext';
import { Keypad } from './Keypad';
import { useCitizenInputs } from './useCitizenInputs';
import { useFollowupT } from './strings';
import './followup.css';

export function ProgressQueryScreen() {
  const t = useFollowupT();
  const { open, dispatch } = useSession();
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  useCitizenInputs((a) => {
    if (a.kind === 'card') dispatch({ type: 'open', screen: { kind: 'progress-cases', by: 'card' } });
    else if (a.kind === 'receipt') dispatch({ type: 'open', screen: { kind: 'progress-cases', by: 'receipt', receiptNo: a.receiptNo } });
    else setProblem(t.unknownCode);
  });

  const valid = RECEIPT_NO_PATTERN.test(typed);
  const submit = () => {
    if (!valid) return setProblem(t.receiptInvalid);
    open({ kind: 'progress-cases', by: 'receipt', receiptNo: typed });
  };

  return (
    <div className="fu-screen" data-testid="progress-query">
      <h1 className="screen-title" data-spoken>
        {t.title}
      </h1>
      <p className="screen-sub" data-spoken>
        {t.lead}
      </p>
      <ol className="fu-ways">
        <li className="fu-way" data-testid="way-card">
          <span className="fu-way-icon" aria-hidden="true">
            1
          </span>
          {t.byCard}
        </li>
        <li className="fu-way" data-testid="way-qr">
          <span className="fu-way-icon" aria-hidden="true">
            2
          </span>
          {t.byQr}
        </li>
      </ol>
      <p className="fu-waiting" role="status" aria-live="polite" data-testid="progress-waiting">
        {t.waiting}
      </p>
      <form
        className="fu-receipt-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <h2 className="section-title">{t.byTyping}</h2>
        <label className="fu-label" htmlFor="fu-receipt">
          {t.receiptLabel}
          <span className="fu-hint">{t.receiptExample}</span>
        </label>
        <div className="fu-input-row">
          <input
            id="fu-receipt"
            className="fu-input"
            value={typed}
            inputMode="none"
            autoComplete="off"
            onChange={(e) => setTyped(e.target.value.toUpperCase().slice(0, 32))}
            aria-invalid={problem === t.receiptInvalid}
            aria-describedby="fu-receipt-problem"
            data-testid="receipt-input"
          />
          <button type="submit" className="btn btn-primary" data-testid="receipt-submit">
            {t.query}
          </button>
        </div>
        <p id="fu-receipt-problem" className="fu-problem" role="alert" data-testid="progress-problem">
          {problem}
        </p>
        <Keypad
          layout="receipt"
          onKey={(k) => {
            setProblem(null);
            setTyped((v) => (v + k).slice(0, 32));
          }}
          onDelete={() => setTyped((v) => v.slice(0, -1))}
          onClear={() => setTyped('')}
        />
      </form>
    </div>
  );
}
