// Queue and sync: counts, last successful sync, dead letters with retry, and a forced sync whose
// progress comes from the queue.progress events on the SSE stream.
import { useCallback, useEffect, useState } from 'react';
import type { QueueProgressEvent } from '../../../common/events';
import { api } from '../api';
import { useSystem } from '../system/SystemContext';
import type { Answer } from '../call';
import { deadLetterText } from '../i18n/dead-letter-words';
import { syncResultText } from '../i18n/maintenance-words';
import { queueAlertText } from '../i18n/queue-alert-words';
import { BACKGROUND, techCall, techValue } from './tech-fetch';
import { usePanelLoad } from './usePanelLoad';

type QueueView = Answer<typeof api.maintenance.queue.$get>;

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN') : '从未 / never');

export function QueuePanel({ onExpired }: { onExpired: (e: unknown) => void }) {
  const { subscribe } = useSystem();
  const [view, setView] = useState<QueueView | null>(null);
  const [progress, setProgress] = useState<QueueProgressEvent | null>(null);
  const [syncing, setSyncing] = useState(false);
  const [note, setNote] = useState<string | null>(null);

  const read = useCallback(async (background: boolean) => setView(await techValue(api.maintenance.queue.$get({}, background ? BACKGROUND : undefined))), []);
  const load = usePanelLoad(read, 3000, onExpired);

  useEffect(
    () =>
      subscribe((e) => {
        if (e.type === 'queue.progress') setProgress(e);
        if (e.type === 'queue.dead-letter') void load(true);
      }),
    [load, subscribe],
  );

  const sync = async () => {
    setSyncing(true);
    setNote(null);
    try {
      const s = await techValue(api.maintenance.queue.sync.$post());
      setNote(syncResultText(s));
      await load();
    } catch (e) {
      onExpired(e);
    } finally {
      setSyncing(false);
    }
  };

  const retry = async (id: number) => {
    try {
      const r = await techCall(api.maintenance.queue['dead-letters'][':id'].retry.$post({ param: { id: String(id) } }));
      setNote(r.ok ? '已重新排队，将立即发送 / queued again, sending now' : r.error.message);
      await load();
    } catch (e) {
      onExpired(e);
    }
  };

  if (!view) return <p>加载中… / loading…</p>;
  const s = view.status;
  const up = progress?.upload;
  return (
    <div className="maint-queue">
      <dl className="maint-counts">
        <div>
          <dt>待传 / pending</dt>
          <dd data-testid="queue-pending">{s.pending}</dd>
        </div>
        <div>
          <dt>已传 / sent</dt>
          <dd data-testid="queue-sent">{s.sent}</dd>
        </div>
        <div>
          <dt>待处理 / dead letters</dt>
          <dd data-testid="queue-dead">{s.dead}</dd>
        </div>
        <div>
          <dt>最近成功同步 / last sync</dt>
          <dd data-testid="queue-last-sync">{when(s.lastSyncAt)}</dd>
        </div>
        <div>
          <dt>心跳 / heartbeat</dt>
          <dd data-testid="heartbeat-last">{view.heartbeat.last ? `${view.heartbeat.last.ok ? '正常 / OK' : '失败 / failed'} · ${when(view.heartbeat.last.at)}` : '尚未发送 / not yet'}</dd>
        </div>
      </dl>
      {s.alerts.map((a, i) => (
        <p key={i} className="maint-problem">
          {queueAlertText(a)}
        </p>
      ))}
      <div className="maint-actions">
        <button type="button" className="btn btn-primary" data-testid="force-sync" disabled={syncing} onClick={() => void sync()}>
          {syncing ? '同步中… / syncing…' : '立即同步 / sync now'}
        </button>
      </div>
      {(syncing || progress) && (
        <div className="maint-progress" role="status" data-testid="sync-progress" data-state={progress?.state ?? 'syncing'}>
          <p>
            状态 / state: {progress?.state ?? 'syncing'}
            {progress && ` · 待传 ${progress.pending} · 已传 ${progress.sent} · 待处理 ${progress.dead}`}
          </p>
          {up && <progress max={up.totalBytes} value={up.sentBytes} aria-label="上传进度 / upload progress" />}
        </div>
      )}
      {note && (
        <p className="maint-ok" role="status" data-testid="queue-note">
          {note}
        </p>
      )}
      <h3>待处理申请 / Dead letters</h3>
      {view.deadLetters.length === 0 ? (
        <p>无 / none</p>
      ) : (
        <ul className="maint-list">
          {view.deadLetters.map((d) => (
            <li key={d.id} data-testid="dead-letter" data-receipt={d.receiptNo}>
              <p>
                <strong>{d.receiptNo}</strong> · {d.serviceCode} · {d.code}
              </p>
              <p data-testid="dead-letter-why">{deadLetterText(d.code)}</p>
              {d.reason && <p className="maint-sub">{d.reason}</p>}
              <button type="button" className="btn" data-testid="retry-dead-letter" onClick={() => void retry(d.id)}>
                重试 / retry
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
