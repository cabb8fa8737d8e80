// Printer discovery for the technician: receipt printers attached by USB (known models by their
// USB id) and driverless A4 printers on the network (or typed in by address). Choosing one saves
// it in the device configuration and prints a test page on it at once; the result is shown here.
import { useCallback, useState } from 'react';
import { api } from '../api';
import type { Result } from '../../../common/result';
import type { Answer, Problem } from '../call';
import { certaintyText, chosenText, PRINTER_WORDS as W, toolProblemText } from '../i18n/printer-words';
import { techCall, techValue } from './tech-fetch';
import { usePanelLoad } from './usePanelLoad';

type View = Answer<typeof api.maintenance.printers.$get>;
type Chosen = Answer<typeof api.maintenance.printers.receipt.$post> | Answer<typeof api.maintenance.printers.a4.$post>;
type Outcome = { ok: boolean; message: string };

// discovery listens on the network for seconds: no background refresh, the technician asks again
const NEVER_MS = 2 ** 31 - 1;

export function PrintersPanel({ onExpired }: { onExpired: (e: unknown) => void }) {
  const [view, setView] = useState<View | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [address, setAddress] = useState('');

  const read = useCallback(async (background: boolean) => {
    if (background) return;
    setBusy('search');
    try {
      setView(await techValue(api.maintenance.printers.$get()));
    } finally {
      setBusy(null);
    }
  }, []);
  const load = usePanelLoad(read, NEVER_MS, onExpired);

  const choose = async (key: string, request: () => Promise<Result<Chosen, Problem>>) => {
    setBusy(key);
    setOutcome(null);
    try {
      const r = await request();
      setOutcome(r.ok ? { ok: r.value.ok, message: chosenText(r.value) } : { ok: false, message: r.error.message });
    } catch (e) {
      onExpired(e);
    } finally {
      setBusy(null);
    }
  };

  const receipt = view?.current.receipt;
  const currentReceipt = receipt?.kind === 'receipt-printer' ? receipt.path : null;
  const a4 = view?.current.a4;
  const currentQueue = a4?.kind === 'a4-printer' && a4.mode === 'cups' ? a4.queue : null;

  return (
    <div className="maint-printers" data-testid="printers-panel">
      <div className="maint-actions">
        <button type="button" className="btn" data-testid="printers-search" disabled={busy !== null} onClick={() => void load()}>
          {busy === 'search' ? W.searching : W.search}
        </button>
      </div>
      {outcome && (
        <p className={outcome.ok ? 'maint-ok' : 'maint-problem'} role="status" data-testid="printer-outcome">
          {outcome.message}
        </p>
      )}
      <section aria-labelledby="printers-receipt">
        <h3 id="printers-receipt">{W.receiptTitle}</h3>
        {view && view.receipt.length === 0 && <p className="maint-sub">{W.noneReceipt}</p>}
        <ul className="maint-devices">
          {view?.receipt.map((p) => (
            <li key={p.path} className="maint-card" data-testid="receipt-candidate" data-path={p.path}>
              <h4>
                {p.maker} {p.model}
                {p.simulated ? ` (${W.simulated})` : ''}
                {currentReceipt === p.path ? ` · ${W.current}` : ''}
              </h4>
              <p className="maint-sub">
                {p.path} · USB {p.vidPid} · {certaintyText(p.certainty)}
              </p>
              <button
                type="button"
                className="btn btn-primary"
                data-testid="receipt-choose"
                disabled={busy !== null}
                onClick={() => void choose(`r:${p.path}`, () => techCall(api.maintenance.printers.receipt.$post({ json: { path: p.path } })))}
              >
                {busy === `r:${p.path}` ? W.choosing : W.choose}
              </button>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="printers-a4">
        <h3 id="printers-a4">{W.a4Title}</h3>
        {currentQueue && (
          <p className="maint-sub" data-testid="a4-current">
            {W.current}: {currentQueue}
          </p>
        )}
        {view?.problems.map((p, i) => (
          <p key={i} className="maint-problem">
            {toolProblemText(p)}
          </p>
        ))}
        {view && view.a4.length === 0 && <p className="maint-sub">{W.noneA4}</p>}
        <ul className="maint-devices">
          {view?.a4.map((p) => (
            <li key={p.uri} className="maint-card" data-testid="a4-candidate" data-uri={p.uri}>
              <h4>
                {p.name}
                {p.makeModel ? ` · ${p.makeModel}` : ''}
              </h4>
              <p className="maint-sub">{p.uri}</p>
              <button
                type="button"
                className="btn btn-primary"
                data-testid="a4-choose"
                disabled={busy !== null}
                onClick={() => void choose(`a:${p.uri}`, () => techCall(api.maintenance.printers.a4.$post({ json: { uri: p.uri, name: p.name } })))}
              >
                {busy === `a:${p.uri}` ? W.choosing : W.choose}
              </button>
            </li>
          ))}
        </ul>
        <form
          className="maint-actions"
          onSubmit={(e) => {
            e.preventDefault();
            if (address.trim()) void choose('address', () => techCall(api.maintenance.printers.a4.$post({ json: { address } })));
          }}
        >
          <label htmlFor="printer-address">{W.addressLabel}</label>
          <input id="printer-address" data-testid="a4-address" value={address} onChange={(e) => setAddress(e.target.value)} autoComplete="off" />
          <button type="submit" className="btn" data-testid="a4-add-address" disabled={busy !== null || !address.trim()}>
            {busy === 'address' ? W.choosing : W.addByAddress}
          </button>
        </form>
      </section>
    </div>
  );
}
