import { useT } from '../i18n/useT';
import { describeSync } from '../system/sync-status';
import { useSystem } from '../system/SystemContext';

export function SyncIndicator() {
  const t = useT();
  const { info, syncState, linkUp } = useSystem();
  const d = describeSync(t, syncState, info?.catalog.fetchedAt ?? null, linkUp);
  return (
    <p className={`sync sync-${d.tone}`} role="status" data-testid="sync-indicator" data-state={syncState}>
      <span className="sync-dot" aria-hidden="true" />
      {d.text}
    </p>
  );
}
