// 我的代办件: the signed-in helper's own cases on this terminal (the backend decides whose, from
// the helper session), with status and every 补正 item to bring back for the resident.
import { useEffect, useState } from 'react';
import { api } from '../api';
import { call, type Answer } from '../call';
import { chinaTime } from '../i18n/china-time';
import { useHelperT } from './strings';
import './helper.css';

type HelperCase = Answer<typeof api.helper.cases.$get>['cases'][number];

type Load = { kind: 'loading' } | { kind: 'ready'; asOf: string | null; cases: HelperCase[] } | { kind: 'error'; message: string };

export function HelperCasesScreen() {
  const t = useHelperT();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });

  useEffect(() => {
    void (async () => {
      try {
        const r = await call(api.helper.cases.$get());
        setLoad(r.ok ? { kind: 'ready', asOf: r.value.asOf, cases: r.value.cases } : { kind: 'error', message: r.error.message });
      } catch {
        setLoad({ kind: 'error', message: t.unreachable });
      }
    })();
  }, [t.unreachable]);

  return (
    <section className="hp-screen" aria-labelledby="hp-cases-title" data-testid="helper-cases">
      <h1 id="hp-cases-title" className="screen-title">
        {t.casesTitle}
      </h1>
      <p>{t.casesLead}</p>
      {load.kind === 'loading' && <p role="status">{t.loading}</p>}
      {load.kind === 'error' && (
        <p className="notice notice-warn" role="alert">
          {load.message}
        </p>
      )}
      {load.kind === 'ready' && (
        <>
          <p className="hp-asof">{t.casesAsOf(load.asOf ? chinaTime(load.asOf) : null)}</p>
          {load.cases.length === 0 && <p data-testid="helper-no-cases">{t.noCases}</p>}
          <ul className="hp-cases">
            {load.cases.map((c) => (
              <li key={c.receiptNo} className="hp-case panel" data-testid="helper-case" data-receipt={c.receiptNo}>
                <h2 className="hp-case-title">{c.serviceName ?? c.serviceCode}</h2>
                <dl className="hp-case-facts">
                  <dt>{t.receiptNo}</dt>
                  <dd>{c.receiptNo}</dd>
                  <dt>{t.applicant}</dt>
                  <dd>{c.applicantName ?? '—'}</dd>
                  <dt>{t.submittedAt}</dt>
                  <dd>{chinaTime(c.submittedAt)}</dd>
                  <dt>{t.status}</dt>
                  <dd data-testid="helper-case-status">{c.status ? t.statusLabel[c.status] : c.delivery === 'dead' ? t.dead : t.pendingUpload}</dd>
                </dl>
                {c.toBringBack.length > 0 && (
                  <div className="hp-bring-back" data-testid="helper-bring-back">
                    <h3>{t.bringBack}</h3>
                    <ul>
                      {c.toBringBack.map((b, i) => (
                        <li key={i}>
                          {b.description}
                          {b.deadline && <span className="hp-deadline">（{t.deadline(b.deadline)}）</span>}
                        </li>
                      ))}
                    </ul>
                  </div>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
