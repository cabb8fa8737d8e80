// 邮寄送达: the address for posting the result, typed with the on-screen keys (or the system's
// input method where the terminal has one), checked field by field with the same rules central
// applies, then sent to central. Needs the connection; says so when it is not there.
import { useState } from 'react';
import { checkPostalAddress, type PostalAddress } from '../../../common/postal-address';
import { uuidv7 } from '../../../common/uuidv7';
import { api } from '../api';
import { call } from '../call';
import { useSession } from '../session/SessionContext';
import { Keypad, type KeypadLayout } from './Keypad';
import { useFollowupT } from './strings';
import './followup.css';

const FIELDS: { key: keyof PostalAddress; layout: KeypadLayout; max: number }[] = [
  { key: 'recipient', layout: 'address', max: 32 },
  { key: 'phone', layout: 'digits', max: 11 },
  { key: 'region', layout: 'address', max: 60 },
  { key: 'detail', layout: 'address', max: 120 },
  { key: 'postcode', layout: 'digits', max: 6 },
];

export function PostalScreen({ receiptNo }: { receiptNo: string }) {
  const t = useFollowupT();
  const { dispatch } = useSession();
  const [values, setValues] = useState<PostalAddress>({ recipient: '', phone: '', region: '', detail: '', postcode: '' });
  const [focus, setFocus] = useState<keyof PostalAddress>('recipient');
  const [errors, setErrors] = useState<Partial<Record<keyof PostalAddress, string>>>({});
  const [state, setState] = useState<{ kind: 'edit' } | { kind: 'sending' } | { kind: 'failed'; message: string }>({ kind: 'edit' });
  // One key per visit: a repeated tap after a lost answer is the same request at central.
  const [key] = useState(() => uuidv7());
  const label = { recipient: t.recipient, phone: t.phone, region: t.region, detail: t.detail, postcode: t.postcode };
  const field = FIELDS.find((f) => f.key === focus)!;

  const set = (k: keyof PostalAddress, v: string) => {
    const f = FIELDS.find((x) => x.key === k)!;
    setValues((old) => ({ ...old, [k]: (f.layout === 'digits' ? v.replace(/\D/g, '') : v).slice(0, f.max) }));
    setErrors((e) => ({ ...e, [k]: undefined }));
  };

  const messageFor = (k: keyof PostalAddress, v: string): string => {
    if (!v.trim()) return t.fieldRequired;
    if (k === 'phone') return t.phoneInvalid;
    if (k === 'postcode') return t.postcodeInvalid;
    if (k === 'detail') return t.detailShort;
    return t.fieldRequired;
  };

  const submit = async () => {
    const checked = checkPostalAddress(values);
    if (!checked.ok) {
      const next: Partial<Record<keyof PostalAddress, string>> = {};
      for (const k of checked.error) next[k] = messageFor(k, values[k]);
      setErrors(next);
      setFocus(FIELDS.find((f) => next[f.key])!.key);
      return;
    }
    setState({ kind: 'sending' });
    try {
      const r = await call(api.progress.delivery.$post({ json: { receiptNo, idempotencyKey: key, address: checked.value } }));
      if (r.ok) {
        // Back to the progress screen, which now shows the postal request.
        dispatch({ type: 'back' });
        return;
      }
      setState({ kind: 'failed', message: r.error.message });
    } catch {
      setState({ kind: 'failed', message: t.offlineHint });
    }
  };

  return (
    <div className="fu-screen" data-testid="postal">
      <h1 className="screen-title">{t.postalTitle}</h1>
      <form
        className="fu-postal-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {FIELDS.map((f) => (
          <div key={f.key} className={`fu-field${focus === f.key ? ' fu-field-active' : ''}`}>
            <label className="fu-label" htmlFor={`postal-${f.key}`}>
              {label[f.key]}
            </label>
            <input
              id={`postal-${f.key}`}
              className="fu-input"
              value={values[f.key]}
              inputMode={f.layout === 'digits' ? 'numeric' : 'text'}
              autoComplete="off"
              onFocus={() => setFocus(f.key)}
              onChange={(e) => set(f.key, e.target.value)}
              aria-invalid={!!errors[f.key]}
              aria-describedby={errors[f.key] ? `postal-${f.key}-error` : undefined}
              data-testid={`postal-${f.key}`}
            />
            {errors[f.key] && (
              <p id={`postal-${f.key}-error`} className="fu-problem" data-testid={`postal-${f.key}-error`}>
                {errors[f.key]}
              </p>
            )}
          </div>
        ))}
        <Keypad layout={field.layout} onKey={(k) => set(focus, values[focus] + k)} onDelete={() => set(focus, values[focus].slice(0, -1))} onClear={() => set(focus, '')} />
        {state.kind === 'failed' && (
          <p className="notice notice-warn" role="alert" data-testid="postal-failed">
            {state.message}
          </p>
        )}
        <button type="submit" className="btn btn-primary btn-xl" disabled={state.kind === 'sending'} data-testid="postal-submit">
          {state.kind === 'sending' ? t.sending : t.submitPostal}
        </button>
      </form>
    </div>
  );
}
