// The application journey (申办) for one service: identify → form → materials → (承诺书 or
// 一次性告知单) → review and sign → submit → 收件回执 → rating → finish. Every step has a way
// back and a way out; leaving or the idle timeout wipes this screen's state (the session reset
// remounts it) and the backend session (identity, scanned pages).
import { bilingual } from '../../../common/device-words';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Service } from '../../../common/catalog';
import type { FieldProblem } from '../../../common/form-validation';
import { uuidv7 } from '../../../common/uuidv7';
import { api } from '../api';
import { call, send } from '../call';
import { useGuide } from '../guide/useGuide';
import { CatalogProblem, Loading } from '../screens/CatalogProblem';
import { useSession } from '../session/SessionContext';
import { trackStep } from '../usage/track';
import { answersToSend, formProblems } from './form-values';
import { FormStep } from './FormStep';
import { IdentifyStep } from './IdentifyStep';
import type { FormAnswer, MaskedIdentityView, MaterialsAnswer, ScannedPage, SubmitAnswer } from './journey-types';
import './journey.css';
import { MaterialsStep } from './MaterialsStep';
import { CommitmentPanel, NoticePanel } from './MissingPanels';
import { RateStep } from './RateStep';
import { ReceiptStep } from './ReceiptStep';
import { ReviewStep } from './ReviewStep';
import type { SignaturePadHandle } from './SignaturePad';
import { useJourneyT } from './strings';
import { BACKEND_UNREACHABLE_NOT_SUBMITTED } from '../i18n/http-words';
import { BigButton } from '../components/BigButton';

type Step = 'identify' | 'form' | 'materials' | 'commitment' | 'notice' | 'review' | 'receipt' | 'rate' | 'rated';
const STEP_NUMBER: Record<Step, number> = { identify: 1, form: 2, materials: 3, commitment: 3, notice: 3, review: 4, receipt: 5, rate: 6, rated: 6 };

export function ApplyScreen({ code }: { code: string }) {
  const guide = useGuide(code);
  if (guide.kind === 'loading') return <Loading />;
  if (guide.kind === 'unavailable' || guide.kind === 'unreachable') return <CatalogProblem kind={guide.kind} />;
  if (guide.kind === 'not-found') return <CatalogProblem kind="unavailable" />;
  return <Journey service={guide.data.service} />;
}

const pageRefs = (pages: Record<string, ScannedPage[]>) =>
  Object.entries(pages)
    .filter(([, ps]) => ps.length > 0)
    .map(([materialId, ps]) => ({ materialId, pageIds: ps.map((p) => p.id) }));

function Journey({ service }: { service: Service }) {
  const t = useJourneyT();
  const { state, dispatch } = useSession();
  const [step, setStep] = useState<Step>('identify');
  const [identity, setIdentity] = useState<MaskedIdentityView | null>(null);
  const [form, setForm] = useState<FormAnswer | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [pages, setPages] = useState<Record<string, ScannedPage[]>>({});
  const [decision, setDecision] = useState<MaterialsAnswer | null>(null);
  const [commitment, setCommitment] = useState<{ signature: { mime: 'image/png'; data: string }; signedAt: string } | null>(null);
  const [committedSigned, setCommittedSigned] = useState(false);
  const [result, setResult] = useState<SubmitAnswer | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmExit, setConfirmExit] = useState(false);
  const [idempotencyKey] = useState(uuidv7);
  const commitmentPad = useRef<SignaturePadHandle | null>(null);
  const signaturePad = useRef<SignaturePadHandle | null>(null);
  const authorisationPad = useRef<SignaturePadHandle | null>(null);
  const helper = state.helper;

  useEffect(() => {
    trackStep(step);
    setProblem(null);
    window.scrollTo(0, 0);
    // The step's prompt is said by the speech watcher (src/speech/) from the title and lead on screen.
  }, [step]);

  // Leaving by the bottom bar (back / home) instead of finish: the pages scanned for an
  // application that was not submitted, and the card, do not wait for the idle timeout.
  const submittedRef = useRef(false);
  submittedRef.current = result !== null;
  useEffect(
    () => () => {
      if (submittedRef.current) return;
      // one request: a reload or a lost request cannot drop the pages and keep the card
      void send(api.journey.leave.$post());
    },
    [],
  );

  const finish = useCallback(() => {
    void send(api.system.session.end.$post({ json: { reason: 'finish' } }));
    dispatch({ type: 'reset', lang: state.lang });
  }, [dispatch, state.lang]);

  const locked = new Set(
    Object.entries(form?.prefill ?? {})
      .filter(([, p]) => p.locked)
      .map(([id]) => id),
  );

  const loadForm = async () => {
    setBusy(true);
    try {
      const r = await call(api.journey.services[':code'].form.$get({ param: { code: service.code } }));
      if (!r.ok) return setProblem(r.error.message);
      const body = r.value;
      setForm(body);
      // Prefilled answers start the form; what the citizen already typed (coming back) wins.
      setValues((v) => ({
        ...Object.fromEntries(
          Object.entries(body.prefill)
            .filter(([, p]) => !p.locked)
            .map(([id, p]) => [id, p.value]),
        ),
        ...v,
      }));
      setStep('form');
    } finally {
      setBusy(false);
    }
  };

  const checkMaterials = async () => {
    setBusy(true);
    try {
      const r = await call(api.journey.services[':code'].materials.$post({ param: { code: service.code }, json: { materials: pageRefs(pages) } }));
      if (!r.ok) return setProblem(r.error.message);
      const body = r.value;
      setDecision(body);
      setStep(body.kind === 'complete' ? 'review' : body.kind === 'commitment' ? 'commitment' : 'notice');
    } finally {
      setBusy(false);
    }
  };

  const submit = async () => {
    const signature = signaturePad.current?.png();
    const authorisation = helper ? authorisationPad.current?.png() : null;
    if (!signature || (helper && !authorisation)) return setProblem(t.signEmpty);
    setBusy(true);
    try {
      const r = await call(
        api.journey.submit.$post({
          json: {
            idempotencyKey,
            serviceCode: service.code,
            form: answersToSend(form!.fields, values, locked),
            materials: pageRefs(pages),
            commitment,
            signature: { mime: 'image/png', data: signature },
            channel: helper ? 'helper' : 'kiosk',
            helperId: helper?.id ?? null,
            authorisation: helper && authorisation ? { signature: { mime: 'image/png', data: authorisation }, signedAt: new Date().toISOString() } : null,
            delivery: service.result.delivery[0],
          },
        }),
      );
      if (r.ok) {
        setResult(r.value);
        setStep('receipt');
      } else if (r.error.status === 400 && r.error.body.error === 'form-invalid') {
        setProblems(r.error.body.problems);
        setStep('form');
      } else setProblem(r.error.message);
    } catch {
      setProblem(bilingual(BACKEND_UNREACHABLE_NOT_SUBMITTED));
    } finally {
      setBusy(false);
    }
  };

  const next = () => {
    switch (step) {
      case 'form': {
        const p = formProblems(form!.fields, values, locked);
        setProblems(p);
        if (p.length === 0) setStep('materials');
        else window.scrollTo(0, 0);
        return;
      }
      case 'materials':
        return void checkMaterials();
      case 'commitment': {
        const png = commitmentPad.current?.png();
        if (!png) return setProblem(t.signEmpty);
        setCommitment({ signature: { mime: 'image/png', data: png }, signedAt: new Date().toISOString() });
        return setStep('review');
      }
      case 'review':
        return void submit();
      case 'receipt':
        return setStep('rate');
    }
  };

  const prev: Partial<Record<Step, Step>> = { form: 'identify', materials: 'form', commitment: 'materials', notice: 'materials', review: decision?.kind === 'commitment' ? 'commitment' : 'materials' };
  const nextLabel = step === 'review' ? (busy ? t.submitting : t.submit) : step === 'receipt' ? t.toRating : t.next;
  const hasNext = ['form', 'materials', 'commitment', 'review', 'receipt'].includes(step);
  const canNext = hasNext && !busy && (step !== 'commitment' || committedSigned);
  const done = step === 'receipt' || step === 'rate' || step === 'rated' || step === 'notice';

  return (
    <div className="journey" data-testid="journey" data-step={step}>
      <header className="journey-progress panel">
        <p className="journey-service" lang="zh-CN">
          {service.name}
        </p>
        <ol className="journey-steps" aria-label={t.stepOf(STEP_NUMBER[step], t.steps.length)}>
          {t.steps.map((s, i) => (
            <li key={s} className={i + 1 < STEP_NUMBER[step] ? 'done' : i + 1 === STEP_NUMBER[step] ? 'current' : ''} aria-current={i + 1 === STEP_NUMBER[step] ? 'step' : undefined}>
              <span className="journey-step-num">{i + 1}</span>
              {s}
            </li>
          ))}
        </ol>
      </header>

      {step === 'identify' && (
        <IdentifyStep
          serviceCode={service.code}
          onIdentified={(i) => {
            setIdentity(i);
            void loadForm();
          }}
        />
      )}
      {step === 'form' && form && <FormStep form={form} values={values} problems={problems} cardType={identity?.cardType} onChange={(id, v) => setValues((x) => ({ ...x, [id]: v }))} />}
      {step === 'materials' && <MaterialsStep service={service} pages={pages} onPages={(id, ps) => setPages((x) => ({ ...x, [id]: ps }))} problem={null} />}
      {step === 'commitment' && decision && <CommitmentPanel ref={commitmentPad} decision={decision} onSigned={setCommittedSigned} />}
      {step === 'notice' && decision && <NoticePanel code={service.code} decision={decision} materials={pageRefs(pages)} />}
      {step === 'review' && decision && form && identity && (
        <ReviewStep
          signatureRef={signaturePad}
          authorisationRef={authorisationPad}
          service={service}
          identity={identity}
          form={form}
          values={values}
          decision={decision}
          helperName={helper?.name ?? null}
          problem={null}
        />
      )}
      {step === 'receipt' && result && <ReceiptStep result={result} />}
      {(step === 'rate' || step === 'rated') && result && <RateStep receiptNo={result.receiptNo} onDone={() => setStep('rated')} />}

      {problem && (
        <p className="notice notice-warn" role="alert" data-testid="journey-problem">
          {problem}
        </p>
      )}

      <div className="journey-actions">
        {prev[step] && <BigButton kind="secondary" disabled={busy} onClick={() => setStep(prev[step]!)} testId="journey-prev" label={t.prev} />}
        {hasNext && <BigButton kind="primary" disabled={!canNext} onClick={next} testId="journey-next" label={nextLabel} />}
        {done ? (
          <BigButton kind="primary" onClick={finish} testId="journey-finish" label={t.finish} />
        ) : (
          <BigButton kind="secondary" onClick={() => setConfirmExit(true)} testId="journey-exit" label={t.exit} />
        )}
      </div>
      {done && <p className="journey-hint">{t.finishHint}</p>}

      {confirmExit && (
        <div className="dialog-backdrop">
          <div className="dialog" role="alertdialog" aria-modal="true" aria-labelledby="exit-title" data-testid="exit-dialog">
            <p id="exit-title" className="dialog-title">
              {t.exitConfirm}
            </p>
            <div className="journey-actions">
              <BigButton kind="primary" onClick={finish} testId="exit-yes" label={t.exitYes} />
              <BigButton kind="secondary" onClick={() => setConfirmExit(false)} testId="exit-no" label={t.exitNo} />
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
