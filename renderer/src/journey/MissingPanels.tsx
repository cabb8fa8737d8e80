// What follows the materials check when something is missing: the 告知承诺书 to sign when all
// of it may be 容缺, or the 一次性告知单 (every missing item at once) when it may not.
import { forwardRef, useState } from 'react';
import { api } from '../api';
import { call } from '../call';
import { bilingual } from '../../../common/device-words';
import { RECEIPT_NOT_PRINTED_WORDS } from '../i18n/device-failures';
import type { MaterialsAnswer } from './journey-types';
import { SignaturePad, type SignaturePadHandle } from './SignaturePad';
import { useJourneyT } from './strings';
import { StepShell } from './StepShell';
import { BACKEND_UNREACHABLE } from '../i18n/http-words';

export const CommitmentPanel = forwardRef<SignaturePadHandle, { decision: MaterialsAnswer; onSigned: (signed: boolean) => void }>(function CommitmentPanel({ decision, onSigned }, ref) {
  const t = useJourneyT();
  return (
    <StepShell id="commitment" title={t.commitmentTitle}>
      <p className="commitment-text" data-testid="commitment-deadline" data-spoken>
        {t.commitmentBody(decision.deadline)}
      </p>
      <ul className="plain-list" data-testid="owed-list">
        {decision.owed.map((m) => (
          <li key={m.materialId} lang="zh-CN">
            {m.name}
          </li>
        ))}
      </ul>
      <SignaturePad ref={ref} label={t.commitmentSign} testId="commitment-signature" onChange={onSigned} />
    </StepShell>
  );
});

export function NoticePanel({ code, decision, materials }: { code: string; decision: MaterialsAnswer; materials: { materialId: string; pageIds: string[] }[] }) {
  const t = useJourneyT();
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'printing' } | { kind: 'printed' } | { kind: 'failed'; message: string }>({ kind: 'idle' });
  const print = async () => {
    setState({ kind: 'printing' });
    try {
      const r = await call(api.journey.services[':code']['missing-notice'].$post({ param: { code }, json: { materials } }));
      if (!r.ok) setState({ kind: 'failed', message: r.error.message });
      else setState(r.value.printed ? { kind: 'printed' } : { kind: 'failed', message: bilingual(RECEIPT_NOT_PRINTED_WORDS[r.value.reason]) });
    } catch {
      setState({ kind: 'failed', message: bilingual(BACKEND_UNREACHABLE) });
    }
  };
  return (
    <StepShell id="notice" title={t.noticeTitle} lead={t.noticeLead(decision.missing.length)}>
      <ol className="plain-list numbered" data-testid="missing-list">
        {decision.missing.map((m) => (
          <li key={m.materialId} lang="zh-CN">
            {m.name}
            {m.rongque && <span className="badge badge-rongque">{t.rongque}</span>}
          </li>
        ))}
      </ol>
      {state.kind === 'printed' ? (
        <p className="notice notice-ok" role="status" data-testid="notice-printed">
          {t.noticePrinted}
        </p>
      ) : state.kind === 'failed' ? (
        <p className="notice notice-warn" role="alert" data-testid="notice-failed">
          {t.noticeNotPrinted(state.message)}
        </p>
      ) : (
        <button type="button" className="btn btn-primary btn-xl" disabled={state.kind === 'printing'} onClick={() => void print()} data-testid="print-notice">
          {t.noticePrint}
        </button>
      )}
    </StepShell>
  );
}
