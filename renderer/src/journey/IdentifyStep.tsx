// Step 1: the card on the reader. The backend holds what was read; this screen only learns,
// from the SSE signal, that a card arrived and asks for the masked view. Then 人证核验
// (FaceCheck, built by the follow-up module) confirms the holder is the person at the screen.
// A citizen without a card, with a card the kiosk cannot take, or who fails the face check is
// told where to go instead — never left stuck.
import { useCallback, useEffect, useState } from 'react';
import type { NetidCheckRefusal } from '../../../common/events';
import { api } from '../api';
import { call, send } from '../call';
import { FaceCheck } from '../face/FaceCheck';
import { CARD_READ_PROBLEM_WORDS } from '../i18n/device-failures';
import { deviceStatusText } from '../i18n/devices';
import { bilingual } from '../../../common/device-words';
import { CARD_PROBLEM_TEXT, NETID_REFUSAL_TEXT } from '../i18n/refusals';
import { useSystem } from '../system/SystemContext';
import type { MaskedIdentityView } from './journey-types';
import { useJourneyT } from './strings';
import { StepShell } from './StepShell';
import { Fact } from '../components/Fact';
import { BigButton } from '../components/BigButton';

type Phase = { kind: 'waiting' } | { kind: 'read'; identity: MaskedIdentityView } | { kind: 'no-card' } | { kind: 'counter' };

export function IdentifyStep({ serviceCode, onIdentified }: { serviceCode: string; onIdentified: (i: MaskedIdentityView) => void }) {
  const t = useJourneyT();
  const { subscribe, info } = useSystem();
  const faceCheck = info?.config.faceCheck ?? true;
  const [phase, setPhase] = useState<Phase>({ kind: 'waiting' });
  const [cardError, setCardError] = useState<string | null>(null);
  const [readerDown, setReaderDown] = useState<string | null>(null);
  // 网证 works without the reader: its progress and refusals have their own line
  // kept as what happened, not as words: the citizen may switch the language while it shows
  const [netid, setNetid] = useState<{ kind: 'verifying' } | { kind: 'refused'; reason: NetidCheckRefusal } | null>(null);

  const fetchIdentity = useCallback(async () => {
    const r = await call(api.journey.identity.$get({ query: { service: serviceCode } }));
    const identity = r.ok ? r.value.identity : null;
    if (identity) {
      setCardError(null);
      setPhase({ kind: 'read', identity });
    }
  }, [serviceCode]);

  useEffect(() => {
    // Only a card placed now counts: a card read earlier (a helper's, the last citizen's) is forgotten.
    // Once, when the step opens: never again while it shows (a language switch must not drop the card).
    void send(api.journey.identity.$delete());
  }, []);

  useEffect(() => {
    void call(api.devices.$get()).then((r) => {
      const reader = r.ok ? r.value.devices.find((d) => d.device === 'id-card-reader') : undefined;
      if (reader && reader.health === 'offline') setReaderDown(deviceStatusText(reader));
    });
    return subscribe((e) => {
      if (e.type === 'idcard.read') void fetchIdentity();
      else if (e.type === 'idcard.error') setCardError(bilingual(CARD_READ_PROBLEM_WORDS[e.problem]));
      else if (e.type === 'netid.verifying') setNetid({ kind: 'verifying' });
      else if (e.type === 'netid.refused') setNetid({ kind: 'refused', reason: e.reason });
      else if (e.type === 'device.status' && e.view.device === 'id-card-reader') setReaderDown(e.view.health === 'offline' ? deviceStatusText(e.view) : null);
    });
  }, [subscribe, fetchIdentity]);

  /** Drops the card read and waits for another. */
  const anotherCard = () => {
    void send(api.journey.identity.$delete());
    setPhase({ kind: 'waiting' });
  };

  return (
    <StepShell
      id="identify"
      phase={phase.kind}
      title={phase.kind === 'no-card' ? t.noCardTitle : phase.kind === 'counter' ? t.counterTitle : t.identifyTitle}
      lead={phase.kind === 'waiting' ? t.identifyLead : undefined}
    >
      {phase.kind === 'waiting' && (
        <>
          <div className="card-slot" aria-hidden="true" />
          <p className="journey-lead" data-testid="netid-lead" data-spoken>
            {t.netidLead}
          </p>
          {netid && (
            <p role="status" aria-live="polite" className="journey-status" data-testid="netid-status" data-spoken>
              {netid.kind === 'verifying' ? t.netidVerifying : bilingual(NETID_REFUSAL_TEXT[netid.reason])}
            </p>
          )}
          <p role="status" aria-live="polite" className="journey-status" data-testid="identify-status" data-spoken>
            {readerDown ? `${t.readerOffline} ${readerDown}` : (cardError ?? t.waitingCard)}
          </p>
          <BigButton kind="secondary" onClick={() => setPhase({ kind: 'no-card' })} testId="no-card" label={t.noCard} />
        </>
      )}
      {phase.kind === 'read' && (
        <>
          <dl className="facts identity-facts" data-testid="identity">
            <Fact term={t.cardType}>{phase.identity.cardTypeName.zh}</Fact>
            <Fact term={t.name} testId="identity-name">
              {phase.identity.name}
            </Fact>
            <Fact term={t.number} testId="identity-number">
              {phase.identity.number}
            </Fact>
          </dl>
          {phase.identity.problem ? (
            <p className="notice notice-warn" role="alert" data-testid="identity-problem">
              {bilingual(CARD_PROBLEM_TEXT[phase.identity.problem])}
            </p>
          ) : faceCheck && phase.identity.faceCheckPossible ? (
            <>
              <p className="journey-lead" data-spoken>
                {t.faceRequired}
              </p>
              <FaceCheck onPassed={() => onIdentified(phase.identity)} onCounter={() => setPhase({ kind: 'counter' })} />
            </>
          ) : (
            <BigButton kind="primary" onClick={() => onIdentified(phase.identity)} testId="identity-continue" label={t.next} />
          )}
          <button type="button" className="btn btn-secondary" onClick={anotherCard} data-testid="use-another">
            {t.useAnother}
          </button>
        </>
      )}
      {(phase.kind === 'no-card' || phase.kind === 'counter') && (
        <ul className="plain-list" data-testid="no-card-help">
          {t.noCardBody.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </StepShell>
  );
}
