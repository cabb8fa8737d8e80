// 视频帮办's panel: the consent (what is shared, that nothing is recorded, that staff cannot
// submit), the queue with position and estimated wait, the call docked at the side so the
// screen stays usable, the callback number when nobody answers, and a plain sentence when the
// call ended or the network dropped.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { HelpScreen } from '../../../common/help-desk';
import { CallbackForm } from './CallbackForm';
import { useHelpT } from './strings';
import type { useHelpCall } from './useHelpCall';
import { BigButton } from '../components/BigButton';

type Call = ReturnType<typeof useHelpCall>;

function Video({ stream, muted, label, testId }: { stream: MediaStream | null; muted: boolean; label: string; testId: string }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.srcObject = stream;
  }, [stream]);
  return <video ref={ref} autoPlay playsInline muted={muted} aria-label={label} data-testid={testId} />;
}

function Modal({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="help-backdrop">
      <div className="help-dialog" role="dialog" aria-modal="true" aria-labelledby="vh-title" data-testid="video-help-panel">
        <h2 id="vh-title">{title}</h2>
        {children}
      </div>
    </div>
  );
}

export function VideoHelpPanel({ call, hotline, screen }: { call: Call; hotline: string; screen: () => HelpScreen }) {
  const t = useHelpT();
  const [shareScreen, setShareScreen] = useState(true);
  const p = call.phase;

  if (p.k === 'consent')
    return (
      <Modal title={t.consentTitle}>
        <p className="help-big">{t.consentLead}</p>
        <ul className="help-consent">
          <li>{t.consentCamera}</li>
          <li>
            <label className="help-check">
              <input type="checkbox" checked={shareScreen} onChange={(e) => setShareScreen(e.target.checked)} data-testid="consent-screen" />
              {t.consentScreen}
            </label>
          </li>
          <li>{t.consentNoRecording}</li>
        </ul>
        <div className="help-actions">
          <BigButton kind="primary" onClick={() => void call.start({ camera: true, screen: shareScreen }, screen())} testId="consent-agree" label={t.consentStart} />
          <BigButton kind="secondary" onClick={() => void call.start({ camera: false, screen: shareScreen }, screen())} testId="consent-voice-only" label={t.consentVoiceOnly} />
          <BigButton kind="secondary" onClick={call.close} testId="consent-cancel" label={t.cancel} />
        </div>
      </Modal>
    );

  if (p.k === 'placing' || p.k === 'waiting')
    return (
      <Modal title={t.waitingTitle}>
        <div role="status" aria-live="polite" className="help-big" data-testid="video-help-queue">
          {p.k === 'placing' ? (
            t.placing
          ) : (
            <>
              <p data-testid="queue-position">{p.position <= 1 ? t.firstInLine : t.position(p.position)}</p>
              <p data-testid="queue-estimate">{t.estimate(Math.max(1, Math.ceil(p.estimateSec / 60)))}</p>
            </>
          )}
        </div>
        <div className="help-actions">
          <BigButton kind="secondary" onClick={call.giveUpWaiting} disabled={p.k === 'placing'} testId="leave-number" label={t.leaveNumber} />
          <BigButton kind="secondary" onClick={call.hangUp} testId="cancel-call" label={t.hangUpWaiting} />
        </div>
      </Modal>
    );

  if (p.k === 'connecting' || p.k === 'in-call')
    return (
      <aside className="help-dock" aria-label={t.videoHelp} data-testid="video-call" data-help-private="">
        <Video stream={call.remote} muted={false} label={t.connected(p.staffName)} testId="staff-video" />
        {call.local && <Video stream={call.local} muted label="me" testId="my-video" />}
        <p role="status" aria-live="polite" className={p.k === 'in-call' && p.reconnecting ? 'help-warn' : ''} data-testid="call-status">
          {p.k === 'connecting' ? t.connecting : p.reconnecting ? t.reconnecting : t.connected(p.staffName)}
        </p>
        <BigButton kind="danger" onClick={call.hangUp} testId="hang-up" label={t.hangUp} />
      </aside>
    );

  if (p.k === 'missed')
    return (
      <Modal title={t.missedTitle}>
        <p className="help-big">{t.missedLead}</p>
        <CallbackForm onSubmit={call.leaveNumber} onCancel={call.close} />
      </Modal>
    );

  const ended =
    p.k === 'callback-done'
      ? t.callbackDone(hotline)
      : p.k === 'ended'
        ? { staff: t.endedStaff, citizen: t.endedCitizen, lost: t.connectionLost, offline: t.offline(hotline), 'no-camera': t.noCamera }[p.why]
        : '';
  return (
    <Modal title={t.videoHelp}>
      <p className="help-big" role="alert" data-testid="video-help-ended" data-why={p.k === 'ended' ? p.why : p.k}>
        {ended}
      </p>
      <BigButton kind="primary" onClick={call.close} testId="video-help-close" label={t.close} />
    </Modal>
  );
}
