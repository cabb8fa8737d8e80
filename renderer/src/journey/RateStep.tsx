// Step 6: 好差评, once for this application. A poor rating (1 or 2) needs a reason, chosen by
// touch; the backend flags it for follow-up and sends it with the case.
import { useState } from 'react';
import { uuidv7 } from '../../../common/uuidv7';
import { api } from '../api';
import { call } from '../call';
import { JOURNEY_STRINGS, useJourneyT } from './strings';
import { StepShell } from './StepShell';
import { bilingual } from '../../../common/device-words';
import { BACKEND_UNREACHABLE } from '../i18n/http-words';

export function RateStep({ receiptNo, onDone }: { receiptNo: string; onDone: () => void }) {
  const t = useJourneyT();
  const [rating, setRating] = useState<number | null>(null);
  const [reasons, setReasons] = useState<number[]>([]);
  const [state, setState] = useState<{ kind: 'choosing' } | { kind: 'sending' } | { kind: 'done'; followUp: boolean } | { kind: 'failed'; message: string }>({ kind: 'choosing' });
  const [key] = useState(uuidv7);
  const poor = rating !== null && rating <= 2;
  const send = async () => {
    if (rating === null) return;
    if (poor && reasons.length === 0) return setState({ kind: 'failed', message: t.reasonNeeded });
    setState({ kind: 'sending' });
    // The reason goes to the department in Chinese, whatever language the screen shows.
    const reason = poor ? reasons.map((i) => JOURNEY_STRINGS['zh-CN'].reasons[i]).join('；') : null;
    try {
      const r = await call(api.journey.rating.$post({ json: { receiptNo, rating, reason, idempotencyKey: key } }));
      if (r.ok) {
        setState({ kind: 'done', followUp: r.value.followUp });
        onDone();
      } else setState({ kind: 'failed', message: r.error.message });
    } catch {
      setState({ kind: 'failed', message: bilingual(BACKEND_UNREACHABLE) });
    }
  };
  if (state.kind === 'done')
    return (
      <StepShell id="rated" title={t.rated}>
        {state.followUp && <p className="notice notice-info">{t.ratedFollowUp}</p>}
      </StepShell>
    );
  return (
    <StepShell id="rate" title={t.rateTitle} lead={t.rateLead}>
      <div className="rating-levels" role="radiogroup" aria-labelledby="rate-title">
        {t.levels.map((label, i) => (
          <button key={label} type="button" role="radio" aria-checked={rating === i + 1} className="btn btn-choice btn-rating" onClick={() => setRating(i + 1)} data-testid="rating" data-value={i + 1}>
            <span className="rating-stars" aria-hidden="true">
              {'★'.repeat(i + 1)}
            </span>
            {label}
          </button>
        ))}
      </div>
      {poor && (
        <fieldset className="rating-reasons" data-testid="rating-reasons">
          <legend>{t.reasonTitle}</legend>
          {t.reasons.map((r, i) => (
            <button
              key={r}
              type="button"
              aria-pressed={reasons.includes(i)}
              className="btn btn-chip"
              onClick={() => setReasons((rs) => (rs.includes(i) ? rs.filter((x) => x !== i) : [...rs, i]))}
              data-testid="rating-reason"
            >
              {r}
            </button>
          ))}
        </fieldset>
      )}
      {state.kind === 'failed' && (
        <p className="notice notice-warn" role="alert" data-testid="rating-problem">
          {state.message}
        </p>
      )}
      <button type="button" className="btn btn-primary btn-xl" disabled={rating === null || state.kind === 'sending'} onClick={() => void send()} data-testid="rating-submit">
        {t.rateSubmit}
      </button>
    </StepShell>
  );
}
