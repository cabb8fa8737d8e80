// Maintenance mode, full screen over the kiosk: devices, queue & sync, terminal, statistics,
// records. Shows no citizen data: the citizen session is wiped on entry and no maintenance API
// answers with personal fields.
import { useEffect, useRef, useState } from 'react';
import { summariseUsage, type UsageSummary } from '../../../common/usage-summary';
import { api } from '../api';
import { useSession } from '../session/SessionContext';
import { DevicesPanel } from './DevicesPanel';
import { PrintersPanel } from './PrintersPanel';
import { QueuePanel } from './QueuePanel';
import { RecordsPanel } from './RecordsPanel';
import { techValue } from './tech-fetch';
import { TerminalPanel } from './TerminalPanel';
import { UsageCharts } from './UsageCharts';

const TABS = [
  { id: 'devices', label: '设备诊断 / Devices' },
  { id: 'printers', label: '打印机 / Printers' },
  { id: 'queue', label: '队列与同步 / Queue & sync' },
  { id: 'terminal', label: '终端 / Terminal' },
  { id: 'usage', label: '使用统计 / Usage' },
  { id: 'records', label: '记录 / Records' },
] as const;
type Tab = (typeof TABS)[number]['id'];

function UsagePanel({ onExpired }: { onExpired: (e: unknown) => void }) {
  const [summary, setSummary] = useState<UsageSummary | null>(null);
  useEffect(() => {
    techValue(api.maintenance.usage.$get())
      .then((r) => setSummary(summariseUsage([r], r.days)))
      .catch(onExpired);
  }, [onExpired]);
  return summary ? <UsageCharts summary={summary} /> : <p>加载中… / loading…</p>;
}

export function MaintenanceScreen({ onExit, onExpired }: { onExit: () => void; onExpired: (e: unknown) => void }) {
  const [tab, setTab] = useState<Tab>('devices');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  // Entering maintenance wiped the citizen's settings; a technician with low vision turns
  // high contrast on here (it lasts until maintenance ends, like any session setting).
  const { state, dispatch } = useSession();
  const highContrast = state.display.highContrast;
  return (
    <div className="maint-screen" role="dialog" aria-modal="true" aria-labelledby="maint-title" data-testid="maintenance-screen">
      <header className="maint-header">
        <h1 id="maint-title" ref={heading} tabIndex={-1}>
          维护模式 <span lang="en">Maintenance mode</span>
        </h1>
        <button
          type="button"
          className="btn btn-secondary"
          aria-pressed={highContrast}
          data-testid="maint-high-contrast"
          onClick={() => dispatch({ type: 'display', value: { highContrast: !highContrast } })}
        >
          高对比 / high contrast
        </button>
        <button type="button" className="btn btn-primary" data-testid="maint-exit" onClick={onExit}>
          退出维护 / exit
        </button>
      </header>
      <div role="tablist" aria-label="维护功能 / maintenance sections" className="maint-tabs">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls="maint-panel"
            className={`btn maint-tab${tab === t.id ? ' is-active' : ''}`}
            data-testid={`maint-tab-${t.id}`}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <section id="maint-panel" role="tabpanel" aria-labelledby={`tab-${tab}`} className="maint-panel panel">
        {tab === 'devices' && <DevicesPanel onExpired={onExpired} />}
        {tab === 'printers' && <PrintersPanel onExpired={onExpired} />}
        {tab === 'queue' && <QueuePanel onExpired={onExpired} />}
        {tab === 'terminal' && <TerminalPanel onExpired={onExpired} />}
        {tab === 'usage' && <UsagePanel onExpired={onExpired} />}
        {tab === 'records' && <RecordsPanel onExpired={onExpired} />}
      </section>
    </div>
  );
}
