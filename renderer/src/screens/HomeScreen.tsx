import { useCatalog } from '../catalog/CatalogContext';
import { FollowupEntry } from '../followup/FollowupEntry';
import { Icon } from '../components/Icon';
import { LocalName } from '../components/ServiceName';
import { useT } from '../i18n/useT';
import { useSession } from '../session/SessionContext';
import type { CatalogTab } from '../session/session';
import { CatalogProblem, Loading } from './CatalogProblem';
import { useTrackStep } from '../usage/useTrackStep';

const TABS: CatalogTab[] = ['department', 'lifeEvent'];

export function HomeScreen({ tab }: { tab: CatalogTab }) {
  useTrackStep('home', 'browse');
  const t = useT();
  const { dispatch, open } = useSession();
  const { state } = useCatalog();

  const header = (
    <>
      <h1 className="screen-title">{t.homeTitle}</h1>
      <button type="button" className="search-cta" onClick={() => open({ kind: 'search' })} data-testid="open-search">
        <Icon name="search" />
        <span className="search-cta-text">
          <span className="search-cta-title">{t.searchCta}</span>
          <span className="search-cta-hint">{t.searchCtaHint}</span>
        </span>
      </button>
      <FollowupEntry />
    </>
  );
  if (state.kind === 'loading')
    return (
      <>
        {header}
        <Loading />
      </>
    );
  if (state.kind !== 'ready') return <CatalogProblem kind={state.kind} />;

  const { listing } = state;
  const groups =
    tab === 'department'
      ? listing.departments.map((d) => ({ ...d, count: listing.services.filter((s) => s.departmentId === d.id).length }))
      : listing.lifeEvents.map((e) => ({ ...e, count: listing.services.filter((s) => s.lifeEventIds.includes(e.id)).length }));

  return (
    <>
      {header}
      <div className="tabs" role="tablist" aria-label={t.tabsLabel}>
        {TABS.map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            id={`tab-${k}`}
            aria-selected={tab === k}
            aria-controls="tab-panel"
            className="tab"
            onClick={() => dispatch({ type: 'replace', screen: { kind: 'home', tab: k } })}
            data-testid={`tab-${k}`}
          >
            {k === 'department' ? t.tabDepartment : t.tabLifeEvent}
          </button>
        ))}
      </div>
      <div id="tab-panel" role="tabpanel" aria-labelledby={`tab-${tab}`}>
        <ul className="tile-grid" data-testid="tile-grid">
          {groups.map((g) => (
            <li key={g.id}>
              <button type="button" className={`tile tile-${tab}`} onClick={() => open({ kind: 'list', by: tab, id: g.id })} data-testid="tile" data-id={g.id}>
                <LocalName className="tile-name" name={g.name} nameEn={g.nameEn} />
                <span className="tile-count">{t.serviceCount(g.count)}</span>
              </button>
            </li>
          ))}
        </ul>
      </div>
    </>
  );
}
