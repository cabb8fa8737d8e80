// Hygiene (the hall's cleaning / disinfection rounds) and the audit trail of maintenance actions.
import { useCallback, useEffect, useState } from 'react';
import { api } from '../api';
import type { Answer } from '../call';
import { techValue } from './tech-fetch';

type Kind = 'disinfection' | 'screen-clean' | 'surface-clean';
const KIND_LABEL: Record<Kind, string> = { disinfection: '消毒 / disinfection', 'screen-clean': '屏幕清洁 / screen clean', 'surface-clean': '台面清洁 / surface clean' };

type Hygiene = Answer<typeof api.maintenance.hygiene.$get>['entries'][number];
type Audit = Answer<typeof api.maintenance.audit.$get>['entries'][number];

export function RecordsPanel({ onExpired }: { onExpired: (e: unknown) => void }) {
  const [hygiene, setHygiene] = useState<Hygiene[]>([]);
  const [audit, setAudit] = useState<Audit[]>([]);
  const [note, setNote] = useState('');

  const load = useCallback(async () => {
    try {
      const [h, a] = await Promise.all([techValue(api.maintenance.hygiene.$get()), techValue(api.maintenance.audit.$get())]);
      setHygiene(h.entries);
      setAudit(a.entries);
    } catch (e) {
      onExpired(e);
    }
  }, [onExpired]);
  useEffect(() => void load(), [load]);

  const add = async (kind: Kind) => {
    try {
      await techValue(api.maintenance.hygiene.$post({ json: { kind, note } }));
      setNote('');
      await load();
    } catch (e) {
      onExpired(e);
    }
  };

  return (
    <div className="maint-records">
      <h3>卫生消毒记录 / Hygiene log</h3>
      <div className="maint-field">
        <label htmlFor="hygiene-note">备注（可选）/ note (optional)</label>
        <input id="hygiene-note" value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} />
      </div>
      <div className="maint-actions">
        {(Object.keys(KIND_LABEL) as Kind[]).map((k) => (
          <button key={k} type="button" className="btn" data-testid={`hygiene-${k}`} onClick={() => void add(k)}>
            记录{KIND_LABEL[k]}
          </button>
        ))}
      </div>
      <ul className="maint-list">
        {hygiene.map((h) => (
          <li key={h.id} data-testid="hygiene-entry">
            {new Date(h.at).toLocaleString('zh-CN')} · {KIND_LABEL[h.kind]}
            {h.note ? ` · ${h.note}` : ''}
          </li>
        ))}
      </ul>
      <h3>操作审计 / Audit trail</h3>
      <table className="maint-table">
        <thead>
          <tr>
            <th scope="col">时间 / time</th>
            <th scope="col">会话 / session</th>
            <th scope="col">操作 / action</th>
            <th scope="col">结果 / outcome</th>
          </tr>
        </thead>
        <tbody>
          {audit.map((a) => (
            <tr key={a.id} data-testid="audit-row" data-action={a.action}>
              <td>{new Date(a.at).toLocaleString('zh-CN')}</td>
              <td>{a.sessionTag ?? '—'}</td>
              <td>{a.action}</td>
              <td>{a.outcome}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
