import { BigButton } from '../components/BigButton';
import { Icon } from '../components/Icon';
import { HelperEntry } from '../helper/HelperBar';
import { useT } from '../i18n/useT';
import { useSession } from '../session/SessionContext';

export function AttractScreen() {
  const t = useT();
  const { dispatch, open } = useSession();
  const search = () => {
    dispatch({ type: 'home' });
    open({ kind: 'search' });
  };
  return (
    <section className="attract" aria-labelledby="attract-title">
      <h1 id="attract-title" className="attract-title">
        {t.attractTitle}
      </h1>
      <p className="attract-lead">{t.attractLead}</p>
      <div className="attract-actions">
        <button type="button" className="btn btn-primary btn-start" onClick={() => dispatch({ type: 'home' })} data-testid="attract-start">
          {t.attractStart}
        </button>
        <BigButton kind="secondary" icon="search" onClick={search} testId="attract-search" label={t.searchCta} />
      </div>
      <p className="attract-hint">{t.attractStartHint}</p>
      <HelperEntry />
      <ul className="attract-features">
        {t.attractFeatures.map((f) => (
          <li key={f}>
            <Icon name="check" />
            {f}
          </li>
        ))}
      </ul>
    </section>
  );
}
