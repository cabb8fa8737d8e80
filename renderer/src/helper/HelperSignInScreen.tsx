// 帮办代办 sign-in: the helper's own ID card on the reader (identified by central), then the PIN
// on an on-screen pad (verified by central). Wrong PINs count down to a lockout central keeps; the
// screen says until when. While central is unreachable, a helper who signed in online here today
// signs in with the card alone (this terminal's offline ticket) — the screen says so plainly.
import { useEffect, useRef, useState } from 'react';
import { api } from '../api';
import { call } from '../call';
import { useSession } from '../session/SessionContext';
import { chinaTime } from '../i18n/china-time';
import { useHelperT } from './strings';
import './helper.css';

type Step =
  | { kind: 'card'; problem: 'unknown-card' | 'offline-no-ticket' | 'refused' | 'unreachable' | 'no-card' | null }
  | { kind: 'offline'; name: string; staffId: string; until: string; problem: string | null }
  | { kind: 'pin'; name: string; staffId: string; problem: { kind: 'wrong-pin'; left: number } | { kind: 'locked'; until: string } | { kind: 'other'; message: string } | null };

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

export function HelperSignInScreen() {
  const t = useHelperT();
  const { dispatch } = useSession();
  const [step, setStep] = useState<Step>({ kind: 'card', problem: null });
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => heading.current?.focus(), [step.kind]);

  // Wait for a card for as long as this step is on screen (the backend holds each wait ≤ 25 s).
  useEffect(() => {
    if (step.kind !== 'card') return;
    const ctl = new AbortController();
    void (async () => {
      while (!ctl.signal.aborted) {
        try {
          const r = await call(api.helper.card.$post({ json: { waitSec: 25 } }, { init: { signal: ctl.signal } }));
          if (ctl.signal.aborted) return;
          if (r.ok && r.value.offline) {
            setStep({ kind: 'offline', name: r.value.helper.name, staffId: r.value.helper.staffId, until: r.value.ticketExpiresAt ?? '', problem: null });
            return;
          }
          if (r.ok) {
            setPin('');
            setStep({ kind: 'pin', name: r.value.helper.name, staffId: r.value.helper.staffId, problem: r.value.lockedUntil ? { kind: 'locked', until: r.value.lockedUntil } : null });
            return;
          }
          const e = r.error.error;
          if (e === 'unknown-card' || e === 'offline-no-ticket' || e === 'refused') setStep({ kind: 'card', problem: e });
        } catch {
          if (ctl.signal.aborted) return;
          setStep({ kind: 'card', problem: 'unreachable' });
          await new Promise((r) => setTimeout(r, 2000));
        }
      }
    })();
    return () => ctl.abort();
  }, [step.kind]);

  const submit = async () => {
    if (busy || step.kind === 'card' || (step.kind === 'pin' && pin.length < 6)) return;
    setBusy(true);
    try {
      // Offline the backend signs in on the card and this terminal's ticket: no PIN is sent.
      const r = await call(api.helper.session.$post({ json: { pin: step.kind === 'pin' ? pin : '' } }));
      setPin('');
      if (r.ok) {
        dispatch({ type: 'helper-signed-in', helper: { id: r.value.helper.staffId, name: r.value.helper.name } });
        dispatch({ type: 'home' });
        return;
      }
      const e = r.error;
      if (step.kind === 'offline') setStep(e.error === 'no-card' ? { kind: 'card', problem: 'no-card' } : { ...step, problem: e.message });
      else if (e.status === 401 && e.body.error === 'wrong-pin') setStep({ ...step, problem: { kind: 'wrong-pin', left: e.body.attemptsLeft } });
      else if (e.status === 423 && e.body.error === 'locked') setStep({ ...step, problem: { kind: 'locked', until: e.body.lockedUntil } });
      else if (e.error === 'no-card') setStep({ kind: 'card', problem: 'no-card' });
      else setStep({ ...step, problem: { kind: 'other', message: e.message } });
    } catch {
      if (step.kind === 'offline') setStep({ ...step, problem: t.unreachable });
      else setStep({ ...step, problem: { kind: 'other', message: t.unreachable } });
    } finally {
      setBusy(false);
    }
  };

  if (step.kind === 'card')
    return (
      <section className="hp-screen" aria-labelledby="hp-title" data-testid="helper-sign-in">
        <h1 id="hp-title" className="screen-title" ref={heading} tabIndex={-1}>
          {t.signInTitle}
        </h1>
        <p className="hp-card-prompt">
          <span className="hp-card-icon" aria-hidden="true">
            ▭
          </span>
          {t.placeCard}
        </p>
        <p className="hp-waiting" role="status">
          {t.waitingCard}
        </p>
        {step.problem && (
          <p className="notice notice-warn" role="alert" data-testid="helper-card-problem">
            {step.problem === 'unknown-card'
              ? t.unknownCard
              : step.problem === 'offline-no-ticket'
                ? t.offlineNoTicket
                : step.problem === 'refused'
                  ? t.refused
                  : step.problem === 'no-card'
                    ? t.noCard
                    : t.unreachable}
          </p>
        )}
      </section>
    );

  if (step.kind === 'offline')
    return (
      <section className="hp-screen" aria-labelledby="hp-title" data-testid="helper-offline">
        <h1 id="hp-title" className="screen-title" ref={heading} tabIndex={-1}>
          {t.offlineTitle(step.name)}
        </h1>
        <p className="notice notice-warn" role="status" data-testid="helper-offline-lead">
          {t.offlineLead(chinaTime(step.until))}
        </p>
        {step.problem && (
          <p className="notice notice-warn" role="alert" data-testid="helper-pin-problem">
            {step.problem}
          </p>
        )}
        <button type="button" className="btn btn-primary" data-testid="helper-offline-submit" disabled={busy} onClick={() => void submit()}>
          {t.offlineSignIn}
        </button>
        <button type="button" className="btn btn-secondary" data-testid="helper-other-card" onClick={() => setStep({ kind: 'card', problem: null })}>
          {t.otherCard}
        </button>
      </section>
    );

  const locked = step.problem?.kind === 'locked';
  const press = (d: string) => setPin((p) => (p.length < 12 ? p + d : p));
  return (
    <section className="hp-screen" aria-labelledby="hp-title" data-testid="helper-pin">
      <h1 id="hp-title" className="screen-title" ref={heading} tabIndex={-1}>
        {t.hello(step.name)}
      </h1>
      <p className="hp-dots" aria-live="polite" data-testid="helper-pin-dots">
        {pin.length ? '●'.repeat(pin.length) : t.pinDots}
      </p>
      {step.problem && (
        <p className="notice notice-warn" role="alert" data-testid="helper-pin-problem">
          {step.problem.kind === 'wrong-pin' && t.wrongPin(step.problem.left)}
          {step.problem.kind === 'locked' && t.locked(chinaTime(step.problem.until))}
          {step.problem.kind === 'other' && step.problem.message}
        </p>
      )}
      <div className="hp-pad" role="group" aria-label={t.pinDots}>
        {KEYS.map((d) => (
          <button key={d} type="button" className="btn hp-key" data-helper-key={d} disabled={locked} onClick={() => press(d)}>
            {d}
          </button>
        ))}
        <button type="button" className="btn hp-key" data-helper-key="del" onClick={() => setPin((p) => p.slice(0, -1))}>
          {t.del}
        </button>
        <button type="button" className="btn hp-key" data-helper-key="0" disabled={locked} onClick={() => press('0')}>
          0
        </button>
        <button type="button" className="btn btn-primary hp-key" data-testid="helper-pin-submit" disabled={locked || busy || pin.length < 6} onClick={() => void submit()}>
          {t.ok}
        </button>
      </div>
      <button type="button" className="btn btn-secondary" data-testid="helper-other-card" onClick={() => setStep({ kind: 'card', problem: null })}>
        {t.otherCard}
      </button>
    </section>
  );
}
