import { Icon } from '../components/Icon';
import { useT } from '../i18n/useT';
import { useSystem } from '../system/SystemContext';

export function Footer() {
  const t = useT();
  const { info } = useSystem();
  return (
    <footer className="app-footer">
      <p className="help">
        <Icon name="phone" />
        {t.helpLine} <strong data-testid="help-phone">12345</strong>
        <span className="help-sep" aria-hidden="true">
          ·
        </span>
        {t.helpHint}
      </p>
      {info && <p className="version">v{info.version}</p>}
    </footer>
  );
}
