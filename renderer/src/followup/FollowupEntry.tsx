// The way into 办件进度查询 from the home screen.
import { useSession } from '../session/SessionContext';
import { useFollowupT } from './strings';

export function FollowupEntry() {
  const t = useFollowupT();
  const { open } = useSession();
  return (
    <button type="button" className="search-cta fu-entry" onClick={() => open({ kind: 'progress' })} data-testid="open-progress">
      <span className="search-cta-text">
        <span className="search-cta-title">{t.entry}</span>
        <span className="search-cta-hint">{t.entryHint}</span>
      </span>
    </button>
  );
}
