import type { Material } from '../../../common/catalog';
import { useT } from '../i18n/useT';
import { useSession } from '../session/SessionContext';
import { materialFacts } from './format';
import { CatalogFacts } from '../components/Fact';

export function MaterialItem({ m, index }: { m: Material; index: number }) {
  const t = useT();
  const { state } = useSession();
  return (
    <li className={`material${m.sharedFrom ? ' material-shared' : ''}`} data-testid="material">
      <h3 className="material-name">
        <span className="material-index" aria-hidden="true">
          {index + 1}
        </span>
        <span lang="zh-CN">
          {m.name}
          {state.lang === 'en' && (
            <span className="name-alt" lang="en">
              {m.nameEn}
            </span>
          )}
        </span>
      </h3>
      <ul className="badges">
        {m.sharedFrom && (
          <li className="badge badge-shared" data-testid="badge-shared">
            {t.sharedBadge(m.sharedFrom)}
          </li>
        )}
        {m.rongque && (
          <li className="badge badge-rongque" data-testid="badge-rongque">
            {t.rongqueBadge}
          </li>
        )}
        {materialFacts(t, m).map((f) => (
          <li key={f} className="badge">
            {f}
          </li>
        ))}
      </ul>
      <CatalogFacts
        facts={[
          [t.source, m.source],
          [t.sample, m.sample],
        ]}
      />
      {m.rongque && <p className="material-hint">{t.rongqueHint}</p>}
      {m.note && (
        <p className="material-note" lang="zh-CN">
          {m.note}
        </p>
      )}
    </li>
  );
}
