// The guide's way into the application journey, for services the kiosk takes fully.
import type { Service } from '../../../common/catalog';
import { useSession } from '../session/SessionContext';
import { useJourneyT } from './strings';

export function StartApplication({ service }: { service: Pick<Service, 'code' | 'kioskFull' | 'form'> }) {
  const t = useJourneyT();
  const { open } = useSession();
  if (!service.kioskFull || !service.form) return null;
  return (
    <div className="start-apply">
      <button type="button" className="btn btn-primary btn-xl" onClick={() => open({ kind: 'apply', code: service.code })} data-testid="start-apply">
        {t.start}
      </button>
      <p className="journey-hint">{t.startHint}</p>
    </div>
  );
}
