// Technician PIN entry on an on-screen number pad (no physical keyboard on the kiosk).
import { useEffect, useRef, useState } from 'react';
import { api } from '../api';
import { call } from '../call';

type Problem = { kind: 'wrong-pin'; attemptsLeft: number } | { kind: 'locked'; until: string } | { kind: 'not-configured' } | { kind: 'other'; message: string };

export function PinPad({ onSignedIn, onCancel }: { onSignedIn: () => void; onCancel: () => void }) {
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const submit = async () => {
    if (!pin || busy) return;
    setBusy(true);
    try {
      const r = await call(api.maintenance.session.$post({ json: { pin } }));
      setPin('');
      if (r.ok) return onSignedIn();
      const e = r.error;
      if (e.status === 401 && e.body.error === 'wrong-pin') setProblem({ kind: 'wrong-pin', attemptsLeft: e.body.attemptsLeft });
      else if (e.status === 423 && e.body.error === 'locked') setProblem({ kind: 'locked', until: e.body.lockedUntil });
      else if (e.status === 503 && e.body.error === 'not-configured') setProblem({ kind: 'not-configured' });
      else setProblem({ kind: 'other', message: e.message });
    } catch {
      setProblem({ kind: 'other', message: '无法连接后台 / backend unreachable' });
    } finally {
      setBusy(false);
    }
  };

  const press = (d: string) => setPin((p) => (p.length < 12 ? p + d : p));
  const locked = problem?.kind === 'locked';
  return (
    <div className="maint-backdrop">
      <div className="maint-pin" role="dialog" aria-modal="true" aria-labelledby="pin-title" data-testid="pin-dialog">
        <h2 id="pin-title" ref={heading} tabIndex={-1}>
          技术人员验证 <span lang="en">Technician sign-in</span>
        </h2>
        <p className="pin-dots" aria-live="polite" data-testid="pin-dots">
          {pin.length ? '●'.repeat(pin.length) : '请输入口令 / enter PIN'}
        </p>
        {problem && (
          <p className="maint-problem" role="alert" data-testid="pin-problem">
            {problem.kind === 'wrong-pin' && `口令不正确，还可尝试 ${problem.attemptsLeft} 次 / wrong PIN, ${problem.attemptsLeft} attempt(s) left`}
            {problem.kind === 'locked' && `输错次数过多，已锁定至 ${new Date(problem.until).toLocaleTimeString('zh-CN')} / locked after too many wrong PINs`}
            {problem.kind === 'not-configured' && '本终端未设置技术员口令 / no technician PIN configured'}
            {problem.kind === 'other' && problem.message}
          </p>
        )}
        <div className="pin-pad">
          {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => (
            <button key={d} type="button" className="btn pin-key" data-pin-key={d} disabled={locked} onClick={() => press(d)}>
              {d}
            </button>
          ))}
          <button type="button" className="btn pin-key" data-pin-key="clear" onClick={() => setPin('')}>
            清除 <span lang="en">Clear</span>
          </button>
          <button type="button" className="btn pin-key" data-pin-key="0" disabled={locked} onClick={() => press('0')}>
            0
          </button>
          <button type="button" className="btn btn-primary pin-key" data-testid="pin-submit" disabled={locked || busy || !pin} onClick={() => void submit()}>
            确定 <span lang="en">OK</span>
          </button>
        </div>
        <button type="button" className="btn maint-cancel" data-testid="pin-cancel" onClick={onCancel}>
          取消 <span lang="en">Cancel</span>
        </button>
      </div>
    </div>
  );
}
