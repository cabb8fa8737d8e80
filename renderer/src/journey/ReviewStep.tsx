// Step 4: what will be submitted, then the applicant's signature (and, on the helper channel,
// the resident's 委托授权 signature).
import type { RefObject } from 'react';
import type { Service } from '../../../common/catalog';
import type { FormField } from '../../../common/form-schema';
import { useSession } from '../session/SessionContext';
import type { FormAnswer, MaskedIdentityView, MaterialsAnswer } from './journey-types';
import { SignaturePad, type SignaturePadHandle } from './SignaturePad';
import { useJourneyT } from './strings';
import { StepShell } from './StepShell';
import { Fact } from '../components/Fact';

export function ReviewStep(p: {
  signatureRef: RefObject<SignaturePadHandle | null>;
  authorisationRef: RefObject<SignaturePadHandle | null>;
  service: Service;
  identity: MaskedIdentityView;
  form: FormAnswer;
  values: Record<string, string>;
  decision: MaterialsAnswer;
  helperName: string | null;
  problem: string | null;
}) {
  const t = useJourneyT();
  const { state } = useSession();
  const en = state.lang === 'en';
  const fields = p.form.fields;
  const shown = (f: FormField) => {
    const pre = p.form.prefill[f.id];
    if (pre?.locked) return pre.value;
    const v = p.values[f.id] ?? '';
    if (f.kind === 'select') {
      const o = f.options.find((x) => x.value === v);
      return o ? (en ? o.label.en : o.label.zh) : '';
    }
    return v;
  };
  return (
    <StepShell
      id="review"
      title={t.reviewTitle}
      lead={t.reviewLead}
      problem={
        p.problem
          ? {
              testId: 'submit-problem',
              text: (
                <>
                  {t.submitFailed}
                  {p.problem}
                </>
              ),
            }
          : null
      }
    >
      <dl className="facts review-facts">
        <Fact term={t.service} zh>
          {p.service.name}
        </Fact>
        <div>
          <dt>{t.applicant}</dt>
          <dd data-testid="review-applicant">
            {p.identity.name} {p.identity.number}
          </dd>
        </div>
      </dl>
      <h2 className="section-title">{t.formAnswers}</h2>
      <dl className="facts review-facts" data-testid="review-form">
        {fields
          .filter((f) => shown(f) !== '')
          .map((f) => (
            <div key={f.id}>
              <dt>{en ? f.label.en : f.label.zh}</dt>
              <dd>{shown(f)}</dd>
            </div>
          ))}
      </dl>
      <h2 className="section-title">{t.materials}</h2>
      <ul className="plain-list" data-testid="review-materials">
        {p.decision.lines
          .filter((l) => l.handling !== 'skipped')
          .map((l) => (
            <li key={l.materialId} lang="zh-CN" data-handling={l.handling}>
              {l.name}：{l.handling === 'scanned' ? t.pages(l.pages) : l.handling === 'shared' ? t.sharedMaterial(l.sharedFrom ?? '') : l.handling === 'form' ? t.formMaterial : t.owed}
            </li>
          ))}
      </ul>
      {p.helperName && (
        <div className="helper-auth" data-testid="helper-authorisation">
          <h2 className="section-title">{t.helperAuthTitle}</h2>
          <p>{t.helperAuthBody(p.helperName)}</p>
          <SignaturePad ref={p.authorisationRef} label={t.helperAuthSign} testId="authorisation-signature" />
        </div>
      )}
      <SignaturePad ref={p.signatureRef} label={t.signHere} testId="applicant-signature" />
    </StepShell>
  );
}
