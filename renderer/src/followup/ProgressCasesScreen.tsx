// 办件进度: the citizen's cases with their status timeline (收件 → 受理 / 补正 / 不予受理 → 审查 →
// 办结 → 送达), the notices and results to print, and postal delivery. Live from central, or the
// last known state with the time it dates from when central cannot be reached.
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { CaseStatus } from '../../../common/central-api';
import { api } from '../api';
import { call } from '../call';
import { useSession } from '../session/SessionContext';
import { useSystem } from '../system/SystemContext';
import { useCitizenInputs } from './useCitizenInputs';
import { chinaTime } from '../i18n/china-time';
import { FOLLOWUP_STRINGS, useFollowupT, type FollowupStrings } from './strings';
import type { CaseView, ProgressAnswer } from './types';
import './followup.css';
import { bilingual } from '../../../common/device-words';
import { NOT_PRINTABLE_TEXT } from '../i18n/refusals';

type Lookup = { by: 'card' } | { by: 'receipt'; receiptNo: string };
type Load = { kind: 'loading' } | { kind: 'ready'; answer: ProgressAnswer } | { kind: 'error'; message: string };

export function ProgressCasesScreen({ lookup }: { lookup: Lookup }) {
  const t = useFollowupT();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });

  const receiptNo = lookup.by === 'receipt' ? lookup.receiptNo : null;
  const refresh = useCallback(async () => {
    try {
      const r = await call(api.progress.lookup.$post({ json: receiptNo === null ? { by: 'card' } : { by: 'receipt', receiptNo } }));
      setLoad(r.ok ? { kind: 'ready', answer: r.value } : { kind: 'error', message: r.error.message });
    } catch {
      setLoad({ kind: 'error', message: t.offlineHint });
    }
  }, [receiptNo, t.offlineHint]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // The citizen may show the paper receipt or the card here too: the same case is refreshed
  // (printing opens up once it is shown to be theirs), another one is opened.
  const { dispatch } = useSession();
  useCitizenInputs((i) => {
    if (i.kind === 'card') {
      if (lookup.by === 'card') void refresh();
      else dispatch({ type: 'replace', screen: { kind: 'progress-cases', by: 'card' } });
    } else if (i.kind === 'receipt') {
      if (lookup.by === 'receipt' && lookup.receiptNo === i.receiptNo) void refresh();
      else dispatch({ type: 'replace', screen: { kind: 'progress-cases', by: 'receipt', receiptNo: i.receiptNo } });
    }
  });

  // A status change pulled from central while the citizen is looking: show it without a tap.
  const { subscribe } = useSystem();
  const shown = load.kind === 'ready' ? load.answer.cases.map((c) => c.receiptNo).join(' ') : '';
  useEffect(
    () =>
      subscribe((e) => {
        if (e.type === 'case.status' && shown.split(' ').includes(e.receiptNo)) void refresh();
      }),
    [subscribe, shown, refresh],
  );

  return (
    <div className="fu-screen" data-testid="progress-cases">
      <h1 className="screen-title">{t.casesTitle}</h1>
      {load.kind === 'loading' && (
        <p className="loading" role="status">
          {t.looking}
        </p>
      )}
      {load.kind === 'error' && (
        <p className="notice notice-warn" role="alert" data-testid="progress-error">
          {load.message}
        </p>
      )}
      {load.kind === 'ready' && (
        <>
          {load.answer.source === 'local' ? (
            <div className="notice notice-warn fu-offline" role="status" data-testid="offline-banner">
              <p className="notice-title">{t.offline(load.answer.asOf ? chinaTime(load.answer.asOf) : null)}</p>
              <p>{t.offlineHint}</p>
            </div>
          ) : (
            <p className="fu-live" data-testid="live-note">
              {t.live(chinaTime(load.answer.asOf ?? new Date().toISOString()))}
            </p>
          )}
          {load.answer.cases.length === 0 && (
            <p className="notice notice-info" data-testid="no-cases">
              {t.noCases}
            </p>
          )}
          <ul className="fu-cases">
            {load.answer.cases.map((c) => (
              <li key={c.receiptNo}>
                <CaseCard c={c} onChanged={refresh} />
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="fu-hint">{t.counter}</p>
    </div>
  );
}

const STAGES = ['received', 'decision', 'reviewing', 'concluded', 'delivered'] as const;
type Stage = (typeof STAGES)[number];

function stageOf(s: CaseStatus): Stage {
  return s === 'accepted' || s === 'correction' || s === 'not-accepted' ? 'decision' : s;
}

function Timeline({ c, t }: { c: CaseView; t: FollowupStrings }) {
  const reached = new Map<Stage, { status: CaseStatus; at: string }>();
  for (const e of c.timeline) reached.set(stageOf(e.status), { status: e.status, at: e.at });
  const current = c.status ? stageOf(c.status) : null;
  return (
    <ol className="fu-timeline" aria-label={t.casesTitle} data-testid="timeline">
      {STAGES.map((st) => {
        const r = reached.get(st);
        const state = st === current ? 'current' : r ? 'done' : 'todo';
        const label = st === 'decision' && r ? t.statusLabel[r.status] : t.stages[st];
        return (
          <li
            key={st}
            className={`fu-stage fu-stage-${state}${r?.status === 'correction' || r?.status === 'not-accepted' ? ' fu-stage-alert' : ''}`}
            data-stage={st}
            data-state={state}
            aria-current={state === 'current' ? 'step' : undefined}
          >
            <span className="fu-stage-label">{label}</span>
            <span className="fu-stage-state">{state === 'done' ? t.stageDone : state === 'current' ? t.stageCurrent : t.stageTodo}</span>
            {r && <span className="fu-stage-at">{chinaTime(r.at)}</span>}
          </li>
        );
      })}
    </ol>
  );
}

/** A decision's list for the citizen: what to correct, why not accepted, what is still owed. */
function NoticeList(p: { tone: 'warn' | 'info'; testId: string; title: string; items: string[]; bullets?: boolean; children?: ReactNode }) {
  const items = p.items.map((text, i) => <li key={i}>{text}</li>);
  return (
    <section className={`notice notice-${p.tone}`} data-testid={p.testId}>
      <h3 className="notice-title">{p.title}</h3>
      {p.bullets ? <ul>{items}</ul> : <ol>{items}</ol>}
      {p.children}
    </section>
  );
}

function NoticeDetail({ c, t }: { c: CaseView; t: FollowupStrings }) {
  const last = [...c.timeline].reverse().find((e) => e.update && ['accepted', 'correction', 'not-accepted'].includes(e.status));
  const u = last?.update;
  if (!u || c.status !== last!.status) return null;
  if (u.status === 'correction')
    return (
      <NoticeList tone="warn" testId="correction-detail" title={t.correctionTitle} items={u.items.map((it) => it.description)}>
        <p>
          <strong>{t.deadline(u.deadline)}</strong>
        </p>
      </NoticeList>
    );
  if (u.status === 'not-accepted')
    return (
      <NoticeList tone="warn" testId="not-accepted-detail" title={t.reasonsTitle} items={u.reasons}>
        <p>{t.remedy}</p>
      </NoticeList>
    );
  if (u.status === 'accepted' && u.owed.length) return <NoticeList tone="info" testId="owed-detail" title={t.owedTitle} items={u.owed.map((o) => o.description)} bullets />;
  return null;
}

function CaseCard({ c, onChanged }: { c: CaseView; onChanged: () => Promise<void> }) {
  const t = useFollowupT();
  const { open } = useSession();
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const print = async (documentId: string) => {
    setBusy(documentId);
    setMessage(null);
    try {
      const r = await call(api.progress.print.$post({ json: { receiptNo: c.receiptNo, documentId } }));
      const text = r.ok ? t.printed(r.value.name.replace(/\.pdf$/i, '')) : r.error.message;
      setMessage({ ok: r.ok, text });
    } catch {
      setMessage({ ok: false, text: t.offlineHint });
    } finally {
      setBusy(null);
      void onChanged();
    }
  };

  return (
    <article className="fu-case panel" data-testid="case" data-receipt={c.receiptNo} data-status={c.status ?? 'pending'} aria-labelledby={`case-${c.receiptNo}`}>
      <h2 className="fu-case-title" id={`case-${c.receiptNo}`}>
        <span lang="zh-CN">{c.serviceName ?? c.serviceCode}</span>
        <span className={`fu-status fu-status-${c.status ?? 'pending'}`} data-testid="case-status">
          {c.status ? t.statusLabel[c.status] : t.pendingUpload}
        </span>
      </h2>
      <dl className="fu-facts">
        <dt>{t.receiptNo}</dt>
        <dd data-testid="case-receipt">{c.receiptNo}</dd>
        {c.caseNo && (
          <>
            <dt>{t.caseNo}</dt>
            <dd>{c.caseNo}</dd>
          </>
        )}
        {c.submittedAt && (
          <>
            <dt>{t.submittedAt}</dt>
            <dd>{chinaTime(c.submittedAt)}</dd>
          </>
        )}
      </dl>
      {c.access === 'status' && (
        // Said in Chinese then English whatever the screen language: the citizen must not think the documents are missing.
        <div className="notice notice-info" role="status" data-testid="status-only">
          <p lang="zh-CN">{FOLLOWUP_STRINGS['zh-CN'].statusOnly}</p>
          <p lang="en">{FOLLOWUP_STRINGS.en.statusOnly}</p>
        </div>
      )}
      <Timeline c={c} t={t} />
      <NoticeDetail c={c} t={t} />
      {c.documents.length > 0 && !c.mayHandle && (
        <p className="notice notice-info" data-testid="prove-to-print">
          {t.proveToPrint}
        </p>
      )}
      {c.documents.length > 0 && c.mayHandle && (
        <section className="fu-docs">
          <h3 className="section-title">{t.documentsTitle}</h3>
          <ul>
            {c.documents.map((d) => (
              <li key={d.id} className="fu-doc" data-testid="document" data-kind={d.kind} data-name={d.name}>
                <span className="fu-doc-name">
                  <span className="badge">{d.kind === 'notice' ? t.notice : t.result}</span> <span lang="zh-CN">{d.name.replace(/\.pdf$/i, '')}</span>
                </span>
                {d.printedAt && d.kind === 'result' ? (
                  <span className="fu-doc-note" data-testid="document-why">
                    {t.printedAt(chinaTime(d.printedAt))}
                  </span>
                ) : (
                  d.why &&
                  !d.printable && (
                    <span className="fu-doc-note" data-testid="document-why">
                      {bilingual(NOT_PRINTABLE_TEXT[d.why])}
                    </span>
                  )
                )}
                <button
                  type="button"
                  className={`btn ${d.kind === 'result' ? 'btn-primary' : 'btn-secondary'}`}
                  disabled={busy !== null || (!d.printable && d.kind === 'notice')}
                  onClick={() => void print(d.id)}
                  data-testid={d.kind === 'result' ? 'print-result' : 'print-notice'}
                >
                  {busy === d.id ? t.printing : d.kind === 'result' ? t.printResultOnce : t.print}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {message && (
        <p className={`notice ${message.ok ? 'notice-ok' : 'notice-warn'}`} role={message.ok ? 'status' : 'alert'} data-testid="print-message" data-spoken>
          {message.text}
        </p>
      )}
      {c.delivery && (
        <section className="notice notice-info" data-testid="delivery">
          <p>{t.postalRequested(chinaTime(c.delivery.requestedAt))}</p>
          <p data-testid="tracking">{c.delivery.trackingNo ? t.tracking(c.delivery.carrier, c.delivery.trackingNo) : t.trackingPending}</p>
        </section>
      )}
      {c.canRequestPost && c.mayHandle && (
        <div className="fu-postal-cta">
          <p className="fu-hint">{t.postalHint}</p>
          <button type="button" className="btn btn-secondary" onClick={() => open({ kind: 'postal', receiptNo: c.receiptNo })} data-testid="choose-postal">
            {t.postal}
          </button>
        </div>
      )}
    </article>
  );
}
