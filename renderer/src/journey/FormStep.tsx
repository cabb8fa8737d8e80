// The application form, generated from the service's form schema: prefilled answers say where
// they came from, answers locked to the card cannot be changed, each problem is said next to
// its field in plain words, and text is typed on the on-screen keyboard.
import { useRef, useState } from 'react';
import type { FormField } from '../../../common/form-schema';
import type { FieldProblem } from '../../../common/form-validation';
import { useSession } from '../session/SessionContext';
import { FormKeyboard } from './FormKeyboard';
import type { FormAnswer } from './journey-types';
import { useJourneyT } from './strings';
import { StepShell } from './StepShell';
import { fieldProblemText } from './field-problem-text';

const INPUT_MODE: Partial<Record<FormField['kind'], 'numeric' | 'tel' | 'text' | 'decimal'>> = { phone: 'tel', number: 'decimal', date: 'numeric', 'id-number': 'text' };

export function FormStep(props: {
  form: FormAnswer;
  values: Record<string, string>;
  problems: FieldProblem[];
  onChange: (id: string, value: string) => void;
  /** the card the applicant identified with: its fields are labelled with where they came from */
  cardType?: string;
}) {
  const t = useJourneyT();
  const { state } = useSession();
  const en = state.lang === 'en';
  const [focused, setFocused] = useState<string | null>(null);
  const inputs = useRef(new Map<string, HTMLInputElement | HTMLTextAreaElement>());
  const fields = props.form.fields;
  const focusedField = fields.find((f) => f.id === focused);
  const problemOf = new Map(props.problems.map((p) => [p.field, p]));

  const edit = (fn: (v: string) => string) => {
    if (!focused) return;
    props.onChange(focused, fn(props.values[focused] ?? ''));
    inputs.current.get(focused)?.focus();
  };

  return (
    <StepShell id="form" title={t.formTitle} lead={t.formLead} problem={props.problems.length > 0 ? { testId: 'form-problems', text: t.fixBelow(props.problems.length) } : null}>
      <div className="form-fields">
        {fields.map((f) => {
          const pre = props.form.prefill[f.id];
          const problem = problemOf.get(f.id);
          const label = en ? f.label.en : f.label.zh;
          const hintId = `hint-${f.id}`;
          const errId = `err-${f.id}`;
          const describedBy = [f.help ? hintId : '', problem ? errId : ''].filter(Boolean).join(' ') || undefined;
          return (
            <div key={f.id} className={`form-field${problem ? ' form-field-bad' : ''}`} data-testid="form-field" data-field={f.id}>
              <div className="form-label-row">
                {f.kind === 'select' ? (
                  <span className="form-label" id={`label-${f.id}`}>
                    {label}
                  </span>
                ) : (
                  <label className="form-label" htmlFor={`f-${f.id}`}>
                    {label}
                  </label>
                )}
                {f.required && <span className="form-required">{t.required}</span>}
                {pre && (
                  <span className="badge badge-source" data-testid="prefill-source">
                    {pre.source.from === 'id-card'
                      ? props.form.identitySource === 'netid'
                        ? t.fromNetid
                        : props.cardType === 'social-security'
                          ? t.fromSocialCard
                          : t.fromCard
                      : t.shared(pre.source.department)}
                  </span>
                )}
                {props.form.identitySource === 'netid' && props.form.notOnCard.includes(f.id) && (
                  <span className="badge badge-source" data-testid="not-on-netid">
                    {t.notOnNetid}
                  </span>
                )}
              </div>
              {f.help && (
                <p id={hintId} className="form-help">
                  {en ? f.help.en : f.help.zh}
                </p>
              )}
              {pre?.locked ? (
                <p className="form-locked" data-testid="form-locked" aria-describedby={describedBy}>
                  <span className="form-locked-value">{pre.value}</span>
                  <span className="form-locked-note">{t.locked}</span>
                </p>
              ) : f.kind === 'select' ? (
                <div className="choice-group" role="radiogroup" aria-labelledby={`label-${f.id}`} aria-describedby={describedBy}>
                  {f.options.map((o) => (
                    <button
                      key={o.value}
                      type="button"
                      role="radio"
                      aria-checked={props.values[f.id] === o.value}
                      className="btn btn-choice"
                      onClick={() => props.onChange(f.id, o.value)}
                      data-testid="choice"
                      data-value={o.value}
                    >
                      {en ? o.label.en : o.label.zh}
                    </button>
                  ))}
                </div>
              ) : f.kind === 'textarea' ? (
                <textarea
                  id={`f-${f.id}`}
                  ref={(el) => void (el ? inputs.current.set(f.id, el) : inputs.current.delete(f.id))}
                  className="form-input"
                  rows={3}
                  value={props.values[f.id] ?? ''}
                  aria-invalid={!!problem}
                  aria-describedby={describedBy}
                  onFocus={() => setFocused(f.id)}
                  onChange={(e) => props.onChange(f.id, e.target.value)}
                />
              ) : (
                <input
                  id={`f-${f.id}`}
                  ref={(el) => void (el ? inputs.current.set(f.id, el) : inputs.current.delete(f.id))}
                  className="form-input"
                  inputMode={INPUT_MODE[f.kind] ?? 'text'}
                  placeholder={f.kind === 'date' ? 'YYYY-MM-DD' : undefined}
                  value={props.values[f.id] ?? ''}
                  aria-invalid={!!problem}
                  aria-describedby={describedBy}
                  autoComplete="off"
                  onFocus={() => setFocused(f.id)}
                  onChange={(e) => props.onChange(f.id, e.target.value)}
                  data-testid={`input-${f.id}`}
                />
              )}
              {problem && (
                <p id={errId} className="form-error" data-testid="form-error">
                  {en ? fieldProblemText(problem, f).en : fieldProblemText(problem, f).zh}
                </p>
              )}
            </div>
          );
        })}
      </div>
      {focusedField && (
        <div className="form-osk-dock">
          <FormKeyboard
            upper={focusedField.kind === 'id-number'}
            chinese={focusedField.kind === 'text' || focusedField.kind === 'textarea' || focusedField.kind === 'address'}
            onKey={(k) => edit((v) => v + k)}
            onDelete={() => edit((v) => Array.from(v).slice(0, -1).join(''))}
            onClear={() => edit(() => '')}
            onDone={() => setFocused(null)}
          />
        </div>
      )}
    </StepShell>
  );
}
