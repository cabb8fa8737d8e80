// Prints the guide on the A4 printer. Shown only while that printer is usable, so a citizen is
// never offered a button that cannot work; a failure mid-print says what to do instead.
import { useEffect, useState } from 'react';
import { api } from '../api';
import { call } from '../call';
import { Icon } from '../components/Icon';
import { useT } from '../i18n/useT';

type Phase = { kind: 'idle' } | { kind: 'printing' } | { kind: 'printed' } | { kind: 'failed'; message: string };

function useA4Usable(): boolean {
  const [usable, setUsable] = useState(false);
  useEffect(() => {
    let live = true;
    void call(api.devices.$get())
      .then((r) => {
        const a4 = r.ok ? r.value.devices.find((d) => d.device === 'a4-printer') : undefined;
        if (live) setUsable(!!a4 && a4.health !== 'offline');
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return usable;
}

export function PrintGuideButton({ code }: { code: string }) {
  const t = useT();
  const usable = useA4Usable();
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  if (!usable) return null;

  const print = async () => {
    setPhase({ kind: 'printing' });
    try {
      const r = await call(api.catalog.services[':code'].print.$post({ param: { code } }));
      if (r.ok) setPhase({ kind: 'printed' });
      else setPhase({ kind: 'failed', message: r.error.message });
    } catch {
      setPhase({ kind: 'failed', message: '打印请求没有送达，请到窗口索取纸质指南 / the print request did not arrive; please ask at the counter' });
    }
  };

  return (
    <div className="guide-print">
      <button type="button" className="btn btn-secondary" data-testid="print-guide" disabled={phase.kind === 'printing'} onClick={() => void print()}>
        <Icon name="print" />
        <span className="btn-label">{t.printGuide}</span>
      </button>
      <p role="status" aria-live="polite" className={phase.kind === 'failed' ? 'notice notice-warn' : undefined} data-testid="print-guide-status">
        {phase.kind === 'printing' && t.printingGuide}
        {phase.kind === 'printed' && t.printedGuide}
        {phase.kind === 'failed' && phase.message}
      </p>
    </div>
  );
}
