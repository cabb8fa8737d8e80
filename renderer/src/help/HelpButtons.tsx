// 视频帮办 and 呼叫帮助: two buttons in the bottom bar on every screen, and what they open. One
// component so the bar gets them with a one-line change; the panels are fixed overlays that
// outlive screen changes (the call goes on while the citizen moves through the journey).
import { useCallback, useEffect, useRef, useState } from 'react';
import { Icon } from '../components/Icon';
import { useCatalog } from '../catalog/CatalogContext';
import { useSession } from '../session/SessionContext';
import { useSystem } from '../system/SystemContext';
import { CallForHelpDialog } from './CallForHelpDialog';
import { currentScreen } from './current-screen';
import { StaffPointer } from './StaffPointer';
import { useHelpT } from './strings';
import { useHelpCall } from './useHelpCall';
import { VideoHelpPanel } from './VideoHelpPanel';
import './help.css';

export function HelpButtons() {
  const t = useHelpT();
  const { info } = useSystem();
  const { state, screen } = useSession();
  const catalog = useCatalog();
  const [pointed, setPointed] = useState<{ el: HTMLElement; at: number } | null>(null);
  const video = useHelpCall({ onPoint: (el) => setPointed({ el, at: Date.now() }) });
  const [asking, setAsking] = useState(false);
  const pointerDone = useCallback(() => setPointed(null), []);
  // how long the citizen has been on this screen: the hall is told it with 呼叫帮助
  const screenSince = useRef(Date.now());
  useEffect(() => {
    screenSince.current = Date.now();
  }, [screen]);
  // a new citizen (reset) never inherits a call or a notice
  const generation = useRef(state.generation);
  const { close } = video;
  useEffect(() => {
    if (generation.current !== state.generation) {
      generation.current = state.generation;
      close();
      setAsking(false);
    }
  }, [state.generation, close]);

  const here = useCallback(() => {
    const services = catalog.state.kind === 'ready' ? catalog.state.listing.services : [];
    return currentScreen(screen, (code) => services.find((s) => s.code === code)?.name ?? null);
  }, [catalog.state, screen]);

  const hotline = info?.config.helpHotline ?? '12345';
  const videoOn = info?.config.videoHelp ?? false;
  return (
    <div className="help-buttons" data-help-private="">
      {videoOn && (
        <button type="button" className="btn btn-nav btn-help" onClick={video.open} aria-haspopup="dialog" data-testid="video-help">
          <Icon name="video" />
          <span className="btn-label">{t.videoHelp}</span>
        </button>
      )}
      <button type="button" className="btn btn-nav btn-help" onClick={() => setAsking(true)} aria-haspopup="dialog" data-testid="call-for-help">
        <Icon name="bell" />
        <span className="btn-label">{t.callForHelp}</span>
      </button>
      {video.phase.k !== 'closed' && <VideoHelpPanel call={video} hotline={hotline} screen={here} />}
      {asking && <CallForHelpDialog hotline={hotline} screen={here} waitingSec={() => Math.round((Date.now() - screenSince.current) / 1000)} onClose={() => setAsking(false)} />}
      {pointed && <StaffPointer key={pointed.at} target={pointed.el} label={t.staffPointed} onDone={pointerDone} />}
    </div>
  );
}
