// The full 办事指南 of one service: every element the guide-writing rules require, in the
// order citizens ask about them (can I do it here → what to bring → how long → how much).
import { ChannelBadges } from '../components/ChannelBadges';
import { Icon } from '../components/Icon';
import { useLocalName } from '../components/ServiceName';
import { feeItems, sharedCount, timeLimitText } from '../guide/format';
import { GuideSection } from '../guide/GuideSection';
import { MaterialItem } from '../guide/MaterialItem';
import { PrintGuideButton } from '../guide/PrintGuideButton';
import { useGuide, type GuideData } from '../guide/useGuide';
import { StartApplication } from '../journey/StartApplication';
import { useT } from '../i18n/useT';
import { useSession } from '../session/SessionContext';
import { CatalogProblem, Loading } from './CatalogProblem';
import { useTrackStep } from '../usage/useTrackStep';
import { CatalogFacts, Fact } from '../components/Fact';

const TOC = ['materials', 'time', 'fees', 'flow', 'place', 'contact'] as const;

export function GuideScreen({ code }: { code: string }) {
  useTrackStep('guide', 'browse');
  const t = useT();
  const guide = useGuide(code);
  if (guide.kind === 'loading') return <Loading />;
  if (guide.kind === 'unavailable' || guide.kind === 'unreachable') return <CatalogProblem kind={guide.kind} />;
  if (guide.kind === 'not-found')
    return (
      <section className="problem" aria-labelledby="nf-title">
        <h1 id="nf-title">{t.notFound}</h1>
      </section>
    );
  return <Guide data={guide.data} />;
}

function Guide({ data }: { data: GuideData }) {
  const t = useT();
  const { state } = useSession();
  const localName = useLocalName();
  const { service: s, department, lifeEvents } = data;
  const en = state.lang === 'en';
  const fees = feeItems(s.fees);
  const tocTitle: Record<(typeof TOC)[number], string> = {
    materials: t.secMaterials,
    time: t.secTime,
    fees: t.secFees,
    flow: t.secFlow,
    place: t.secPlace,
    contact: t.secContact,
  };

  return (
    <article className="guide" aria-labelledby="guide-title" data-testid="guide">
      <div className="guide-hero">
        <h1 id="guide-title" className="guide-title">
          <span lang="zh-CN">{s.name}</span>
          {en && <span className="guide-title-en">{s.nameEn}</span>}
        </h1>
        <dl className="facts facts-inline">
          <Fact term={t.code} testId="service-code">
            {s.code}
          </Fact>
          <Fact term={t.type}>{t.serviceType?.[s.type] ?? s.type}</Fact>
          {department && <Fact term={t.department}>{localName(department)}</Fact>}
        </dl>
        <ChannelBadges channels={s.channels} />
        <PrintGuideButton code={s.code} />
        <StartApplication service={s} />
        {s.kioskFull ? (
          <p className="notice notice-ok" data-testid="kiosk-full">
            <Icon name="check" />
            {t.kioskFullNote}
          </p>
        ) : (
          <div className="notice notice-warn" data-testid="kiosk-not-full">
            <p className="notice-title">
              <Icon name="info" />
              {t.kioskNotFull}
            </p>
            <p>
              {t.kioskGoInstead} <span lang="zh-CN">{s.kioskNote}</span>
            </p>
          </div>
        )}
      </div>

      {t.guideContentNote && (
        <p className="notice notice-info" data-testid="guide-language-note">
          <Icon name="info" />
          {t.guideContentNote}
        </p>
      )}

      <nav className="guide-toc" aria-label={t.guideSections}>
        <ul>
          {TOC.map((id) => (
            <li key={id}>
              <button type="button" className="btn btn-chip" onClick={() => document.getElementById(`sec-${id}`)?.scrollIntoView({ behavior: 'smooth', block: 'start' })}>
                {tocTitle[id]}
              </button>
            </li>
          ))}
        </ul>
      </nav>

      <GuideSection id="basic" title={t.secBasic}>
        <dl className="facts">
          <Fact term={t.applicant} zh>
            {s.applicant}
          </Fact>
          {lifeEvents.length > 0 && <Fact term={t.lifeEvents}>{lifeEvents.map((e) => localName(e)).join(en ? ', ' : '、')}</Fact>}
        </dl>
      </GuideSection>

      <GuideSection id="legal" title={t.secLegal}>
        <ul className="plain-list" lang="zh-CN">
          {s.legalBasis.map((b) => (
            <li key={b.title + b.clause}>
              <strong>{b.title}</strong> {b.clause}
            </li>
          ))}
        </ul>
      </GuideSection>

      <GuideSection id="conditions" title={t.secConditions}>
        <ol className="plain-list numbered" lang="zh-CN">
          {s.conditions.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ol>
      </GuideSection>

      <GuideSection id="materials" title={t.secMaterials}>
        <p className="section-sub">{t.materialsCount(s.materials.length, sharedCount(s.materials))}</p>
        <ol className="materials">
          {s.materials.map((m, i) => (
            <MaterialItem key={m.id} m={m} index={i} />
          ))}
        </ol>
      </GuideSection>

      <GuideSection id="time" title={t.secTime}>
        <p className="big-fact" data-testid="time-limit">
          {timeLimitText(t, s.timeLimit)}
        </p>
      </GuideSection>

      <GuideSection id="fees" title={t.secFees}>
        {fees === null ? (
          <p className="big-fact" data-testid="fees">
            {t.feesFree}
          </p>
        ) : (
          <div data-testid="fees">
            <ul className="fee-list">
              {fees.map((f) => (
                <li key={f.name} className="fee">
                  <h3 lang="zh-CN">{f.name}</h3>
                  <CatalogFacts
                    facts={[
                      [t.feeStandard, f.standard],
                      [t.feeBasis, f.basis],
                      [t.feeReduction, f.reduction],
                    ]}
                  />
                </li>
              ))}
            </ul>
            {s.fees.kind === 'charged' && (
              <p>
                {t.feePayment}：<span lang="zh-CN">{s.fees.payment}</span>
              </p>
            )}
          </div>
        )}
      </GuideSection>

      <GuideSection id="flow" title={t.secFlow}>
        <ol className="flow">
          {s.flow.map((f, i) => (
            <li key={f.step + i} className="flow-step">
              <span className="flow-num">{t.step(i + 1)}</span>
              <div lang="zh-CN">
                <h3 className="flow-title">{f.step}</h3>
                <p>{f.detail}</p>
              </div>
            </li>
          ))}
        </ol>
      </GuideSection>

      <GuideSection id="channels" title={t.secChannels}>
        <ChannelBadges channels={s.channels} />
      </GuideSection>

      <GuideSection id="place" title={t.secPlace}>
        <CatalogFacts
          facts={[
            [t.place, s.place],
            [t.hours, s.hours],
          ]}
        />
      </GuideSection>

      <GuideSection id="result" title={t.secResult}>
        <dl className="facts">
          <Fact term={t.resultName} zh>
            {s.result.name}
          </Fact>
          <Fact term={t.delivery}>{s.result.delivery.map((d) => t.deliveryMode[d]).join(en ? ', ' : '、')}</Fact>
        </dl>
      </GuideSection>

      <GuideSection id="contact" title={t.secContact}>
        <dl className="contacts">
          <Contact term={t.consultation} testId="consultation-phone" contact={s.consultation} />
          <Contact term={t.complaint} testId="complaint-phone" contact={s.complaint} />
        </dl>
      </GuideSection>
    </article>
  );
}

function Contact({ term, testId, contact }: { term: string; testId: string; contact: { phone: string; detail: string } }) {
  return (
    <Fact term={term} className="contact">
      <span className="phone" data-testid={testId}>
        <Icon name="phone" />
        {contact.phone}
      </span>
      <span lang="zh-CN">{contact.detail}</span>
    </Fact>
  );
}
