// 呼叫帮助: tells the hall's on-duty staff which kiosk, which screen and how long the citizen has
// waited, then says plainly what happens next: someone is coming, or the hotline.
import { useEffect, useRef, useState } from 'react';
import type { HelpScreen } from '../../../common/help-desk';
import { api } from '../api';
import { call } from '../call';
import { useHelpT } from './strings';

type Outcome = { k: 'asking' } | { k: 'coming' } | { k: 'nobody' } | { k: 'offline' };

export function CallForHelpDialog(props: { hotline: string; screen: () => HelpScreen; waitingSec: () => number; onClose: () => void }) {
  const t = useHelpT();
  const [outcome, setOutcome] = useState<Outcome>({ k: 'asking' });
  const closeBtn = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  const { screen, waitingSec } = props;
  useEffect(() => {
    if (asked.current) return;
    asked.current = true;
    void (async () => {
      const r = await call(api.help.requests.$post({ json: { screen: screen(), waitingSec: Math.min(86_400, waitingSec()) } })).catch(() => null);
      if (!r || !r.ok || !r.value.notified) setOutcome({ k: 'offline' });
      else setOutcome(r.value.staffOnDuty > 0 ? { k: 'coming' } : { k: 'nobody' });
      closeBtn.current?.focus();
    })();
  }, [screen, waitingSec]);
  const text = outcome.k === 'asking' ? t.asking : outcome.k === 'coming' ? t.helpComing : outcome.k === 'nobody' ? t.helpNobody(props.hotline) : t.helpOffline(props.hotline);
  return (
    <div className="help-backdrop">
      <div className="help-dialog" role="dialog" aria-modal="true" aria-labelledby="cfh-title" data-testid="call-for-help-dialog">
        <h2 id="cfh-title">{t.callForHelp}</h2>
        <p className="help-big" role="status" aria-live="polite" data-testid="call-for-help-outcome" data-outcome={outcome.k}>
          {text}
        </p>
        <button ref={closeBtn} type="button" className="btn btn-primary btn-xl" onClick={props.onClose} data-testid="call-for-help-close">
          {t.close}
        </button>
      </div>
    </div>
  );
}
