// The speech controls in the bottom bar: speech on / off, say again (再听一遍), quieter / louder.
// Shown only while the terminal's speech service can speak; off leaves only the switch.
import { useSpeech, VOLUME_MAX, VOLUME_STEP } from './SpeechContext';
import { useSpeechT } from './strings';
import './speech.css';

function SpeakerIcon({ muted }: { muted: boolean }) {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={muted ? 'M4 9h4l5-4v14l-5-4H4zM16 9l5 6M21 9l-5 6' : 'M4 9h4l5-4v14l-5-4H4zM16.5 8.5a5 5 0 0 1 0 7M19 6a8.5 8.5 0 0 1 0 12'} />
    </svg>
  );
}

/** One volume step: a large target marked − or +, named for the screen reader. */
function VolumeStep({ label, sign, disabled, onClick, testId }: { label: string; sign: '−' | '+'; disabled: boolean; onClick: () => void; testId: string }) {
  return (
    <button type="button" className="btn btn-nav speech-step" aria-label={label} disabled={disabled} onClick={onClick} data-testid={testId}>
      <span aria-hidden="true">{sign}</span>
    </button>
  );
}

export function SpeechControls() {
  const t = useSpeechT();
  const speech = useSpeech();
  if (!speech.available) return null;
  const levels = VOLUME_MAX / VOLUME_STEP;
  const level = speech.volume / VOLUME_STEP;
  return (
    <div className="speech-controls" role="group" aria-label={t.group} data-testid="speech-controls">
      <button type="button" className="btn btn-nav speech-btn" aria-pressed={speech.on} onClick={() => speech.setOn(!speech.on)} data-testid="speech-toggle">
        <SpeakerIcon muted={!speech.on} />
        <span className="btn-label">
          {t.speechOn}
          <span className="btn-sub">{speech.on ? t.speechOnState : t.speechOffState}</span>
        </span>
      </button>
      {speech.on && (
        <>
          <button type="button" className="btn btn-nav speech-btn" onClick={speech.repeat} data-testid="speech-repeat">
            <span className="btn-label">{t.repeat}</span>
          </button>
          <div className="speech-volume">
            <VolumeStep label={t.volumeDown} sign="−" disabled={level <= 1} onClick={() => speech.setVolume(speech.volume - VOLUME_STEP)} testId="speech-quieter" />
            <span className="speech-level" data-testid="speech-level">
              {t.volumeLevel(level, levels)}
            </span>
            <VolumeStep label={t.volumeUp} sign="+" disabled={level >= levels} onClick={() => speech.setVolume(speech.volume + VOLUME_STEP)} testId="speech-louder" />
          </div>
        </>
      )}
    </div>
  );
}
