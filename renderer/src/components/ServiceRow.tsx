import type { ServiceListItem } from '../catalog/CatalogContext';
import { useCatalog } from '../catalog/CatalogContext';
import { useT } from '../i18n/useT';
import { useSession } from '../session/SessionContext';
import { ChannelBadges } from './ChannelBadges';
import { Icon } from './Icon';
import { LocalName, useLocalName } from './ServiceName';

export function ServiceRow({ service }: { service: ServiceListItem }) {
  const t = useT();
  const { open } = useSession();
  const { state } = useCatalog();
  const localName = useLocalName();
  const dept = state.kind === 'ready' ? state.departments.get(service.departmentId) : undefined;
  return (
    <li>
      <button type="button" className="service-row" onClick={() => open({ kind: 'guide', code: service.code })} data-testid="service-row" data-code={service.code}>
        <span className="service-row-main">
          <LocalName className="service-row-name" name={service.name} nameEn={service.nameEn} />
          <span className="service-row-meta">
            {dept && <span>{localName(dept)}</span>}
            <span>{t.serviceType?.[service.type] ?? service.type}</span>
            <span className={service.kioskFull ? 'kiosk-yes' : 'kiosk-no'}>{service.kioskFull ? t.kioskFullYes : t.kioskFullNo}</span>
          </span>
          <ChannelBadges channels={service.channels} />
        </span>
        <Icon name="chevron" className="service-row-chevron" />
      </button>
    </li>
  );
}

export function ServiceList({ services }: { services: readonly ServiceListItem[] }) {
  return (
    <ul className="service-list" data-testid="service-list">
      {services.map((s) => (
        <ServiceRow key={s.code} service={s} />
      ))}
    </ul>
  );
}
