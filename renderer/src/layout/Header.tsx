import { useT } from '../i18n/useT';
import { useSystem } from '../system/SystemContext';
import { SyncIndicator } from './SyncIndicator';

export function Header() {
  const t = useT();
  const { info } = useSystem();
  const hall = info ? [info.config.hallName, info.config.township].filter(Boolean).join(' · ') : '';
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          政
        </span>
        <div className="brand-text">
          <p className="brand-title">{t.appTitle}</p>
          <p className="brand-hall" lang="zh-CN" data-testid="hall-name">
            {hall}
          </p>
        </div>
      </div>
      <div className="header-status">
        <SyncIndicator />
        {info && (
          <p className="terminal-id" data-testid="terminal-id">
            {t.terminal(info.config.terminalId)}
          </p>
        )}
      </div>
    </header>
  );
}
