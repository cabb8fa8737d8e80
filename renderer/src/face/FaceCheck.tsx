// 人证核验: the live camera picture is compared (by the backend's face verifier) with the photo
// of the ID card the backend just read. A citizen who does not pass after a few tries, or whose
// camera or verifier is out of service, is sent to the counter — never left stuck.
// Mount it after the card is read: <FaceCheck onPassed={…} onCounter={…} onSkip={…} />.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api';
import { call } from '../call';
import { useFollowupT } from '../followup/strings';
import '../followup/followup.css';

export const MAX_TRIES = 3;

type Phase = { kind: 'starting' } | { kind: 'live' } | { kind: 'checking' } | { kind: 'passed'; score: number } | { kind: 'failed'; message: string; retryable: boolean } | { kind: 'no-camera' };

export interface FaceCheckProps {
  onPassed: (r: { score: number }) => void;
  /** the citizen chose, or was told, to go to the counter */
  onCounter: () => void;
  /** when the service allows continuing without the check */
  onSkip?: () => void;
}

/** One JPEG frame of the video, as base64 for the API. */
export async function captureFrame(video: HTMLVideoElement): Promise<{ mime: 'image/jpeg'; data: string } | null> {
  if (!video.videoWidth) return null;
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  canvas.getContext('2d')!.drawImage(video, 0, 0);
  const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/jpeg', 0.9));
  if (!blob) return null;
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { mime: 'image/jpeg', data: btoa(bin) };
}

export function FaceCheck({ onPassed, onCounter, onSkip }: FaceCheckProps) {
  const t = useFollowupT().face;
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'starting' });
  const [tries, setTries] = useState(0);

  useEffect(() => {
    let stopped = false;
    void (async () => {
      try {
        const s = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'user', width: { ideal: 640 }, height: { ideal: 480 } }, audio: false });
        if (stopped) return s.getTracks().forEach((tr) => tr.stop());
        stream.current = s;
        video.current!.srcObject = s;
        await video.current!.play().catch(() => undefined);
        setPhase({ kind: 'live' });
      } catch {
        if (!stopped) setPhase({ kind: 'no-camera' });
      }
    })();
    return () => {
      stopped = true;
      stream.current?.getTracks().forEach((tr) => tr.stop());
    };
  }, []);

  const check = useCallback(async () => {
    const frame = video.current ? await captureFrame(video.current) : null;
    if (!frame) return setPhase({ kind: 'failed', message: t.noCamera, retryable: false });
    setPhase({ kind: 'checking' });
    const used = tries + 1;
    setTries(used);
    try {
      const r = await call(api.face.verify.$post({ json: { image: frame } }));
      if (r.ok && r.value.decision === 'match') {
        stream.current?.getTracks().forEach((tr) => tr.stop());
        setPhase({ kind: 'passed', score: r.value.score });
        onPassed({ score: r.value.score });
        return;
      }
      // A no-match may be tried again; a refusal only when the backend says so.
      const again = r.ok || ((r.error.status === 409 || r.error.status === 422 || r.error.status === 503 || r.error.status === 504) && r.error.body.retryable);
      const retryable = used < MAX_TRIES && again;
      const message = r.ok ? t.noMatch : r.error.message;
      setPhase({ kind: 'failed', message: used >= MAX_TRIES && again ? `${message}。${t.tooManyTries}` : message, retryable });
    } catch {
      setPhase({ kind: 'failed', message: t.noCamera, retryable: false });
    }
  }, [tries, onPassed, t]);

  return (
    <section className="face-check" aria-labelledby="face-title" data-testid="face-check" data-phase={phase.kind}>
      <h2 id="face-title" className="section-title">
        {t.title}
      </h2>
      <p>{t.lead}</p>
      <video ref={video} className="face-video" muted playsInline aria-label={t.video} hidden={phase.kind === 'no-camera' || phase.kind === 'passed'} />
      <p
        role="status"
        aria-live="polite"
        data-testid="face-status"
        className={phase.kind === 'passed' ? 'notice notice-ok' : phase.kind === 'failed' || phase.kind === 'no-camera' ? 'notice notice-warn' : undefined}
      >
        {phase.kind === 'checking' && t.checking}
        {phase.kind === 'passed' && t.match}
        {phase.kind === 'failed' && phase.message}
        {phase.kind === 'no-camera' && t.noCamera}
        {phase.kind === 'failed' && phase.retryable && ` ${t.triesLeft(MAX_TRIES - tries)}`}
      </p>
      <div className="face-actions">
        {phase.kind === 'live' && (
          <button type="button" className="btn btn-primary btn-xl" onClick={() => void check()} data-testid="face-capture">
            {t.capture}
          </button>
        )}
        {phase.kind === 'failed' && phase.retryable && (
          <button type="button" className="btn btn-primary btn-xl" onClick={() => setPhase({ kind: 'live' })} data-testid="face-retry">
            {t.retry}
          </button>
        )}
        {phase.kind !== 'passed' && (
          <button type="button" className="btn btn-secondary" onClick={onCounter} data-testid="face-counter">
            {t.counter}
          </button>
        )}
        {onSkip && phase.kind !== 'passed' && (
          <button type="button" className="btn btn-secondary" onClick={onSkip} data-testid="face-skip">
            {t.skip}
          </button>
        )}
      </div>
    </section>
  );
}
