import { useCatalog } from '../catalog/CatalogContext';
import { ServiceList } from '../components/ServiceRow';
import { useLocalName } from '../components/ServiceName';
import { useT } from '../i18n/useT';
import type { CatalogTab } from '../session/session';
import { CatalogProblem, Loading } from './CatalogProblem';

export function ServiceListScreen({ by, id }: { by: CatalogTab; id: string }) {
  const t = useT();
  const { state } = useCatalog();
  const localName = useLocalName();
  if (state.kind === 'loading') return <Loading />;
  if (state.kind !== 'ready') return <CatalogProblem kind={state.kind} />;
  const group = by === 'department' ? state.departments.get(id) : state.lifeEvents.get(id);
  const services = state.listing.services.filter((s) => (by === 'department' ? s.departmentId === id : s.lifeEventIds.includes(id)));
  const name = group ? localName(group) : id;
  return (
    <>
      <h1 className="screen-title">{by === 'department' ? t.listTitleDepartment(name) : t.listTitleLifeEvent(name)}</h1>
      <p className="screen-sub">{t.serviceCount(services.length)}</p>
      {services.length ? <ServiceList services={services} /> : <p>{t.listEmpty}</p>}
    </>
  );
}
