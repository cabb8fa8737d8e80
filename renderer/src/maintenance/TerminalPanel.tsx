// The terminal: id, versions, network and disk; validated config edit (non-secret fields only,
// refused field by field); redacted log export to a USB stick or folder.
import { useCallback, useEffect, useState } from 'react';
import { api } from '../api';
import type { Answer } from '../call';
import { speechStatusWords } from '../i18n/device-failures';
import { bilingual } from '../../../common/device-words';
import { configOutcomeText, type ConfigOutcome } from '../i18n/maintenance-words';
import { techCall, techValue } from './tech-fetch';

type Info = Answer<typeof api.maintenance.terminal.$get>;
type ConfigView = Answer<typeof api.maintenance.config.$get>;
/** A field's outcome as the screen shows it. */
type Outcome = { field: string; ok: boolean; message: string };
const shown = (outcomes: ConfigOutcome[]): Outcome[] => outcomes.map((o) => ({ field: o.field, ok: o.ok, message: configOutcomeText(o) }));

const gb = (n: number) => `${(n / 1e9).toFixed(1)} GB`;

export function TerminalPanel({ onExpired }: { onExpired: (e: unknown) => void }) {
  const [info, setInfo] = useState<Info | null>(null);
  const [config, setConfig] = useState<ConfigView | null>(null);
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const [target, setTarget] = useState('/media/usb');
  const [exportNote, setExportNote] = useState<{ ok: boolean; text: string } | null>(null);

  const load = useCallback(async () => {
    try {
      const [i, c] = await Promise.all([techValue(api.maintenance.terminal.$get()), techValue(api.maintenance.config.$get())]);
      setInfo(i);
      setConfig(c);
      setDraft(Object.fromEntries(c.editable.map((f) => [f.field, f.value === null ? '' : String(f.value)])));
    } catch (e) {
      onExpired(e);
    }
  }, [onExpired]);
  useEffect(() => void load(), [load]);

  const save = async () => {
    if (!config) return;
    const changes: Record<string, unknown> = {};
    for (const f of config.editable) {
      const text = draft[f.field] ?? '';
      const original = f.value === null ? '' : String(f.value);
      if (text === original) continue;
      changes[f.field] = typeof f.value === 'number' ? Number(text) : f.field === 'township' && text === '' ? null : text;
    }
    if (!Object.keys(changes).length) return setOutcomes([{ field: '—', ok: true, message: '没有修改 / nothing changed' }]);
    try {
      const r = await techCall(api.maintenance.config.$put({ json: { changes } }));
      if (r.ok) setOutcomes(shown(r.value.outcomes));
      else if (r.error.status === 422) setOutcomes(shown(r.error.body.outcomes));
      else setOutcomes([{ field: '—', ok: false, message: r.error.message }]);
    } catch (e) {
      onExpired(e);
    }
  };

  const exportLogs = async () => {
    try {
      const r = await techCall(api.maintenance.logs.export.$post({ json: { target } }));
      setExportNote(r.ok ? { ok: true, text: `已导出 ${r.value.files} 个文件、${r.value.lines} 行（已脱敏）到 ${r.value.dir} / exported (redacted)` } : { ok: false, text: r.error.message });
    } catch (e) {
      onExpired(e);
    }
  };

  if (!info || !config) return <p>加载中… / loading…</p>;
  return (
    <div className="maint-terminal">
      <dl className="maint-facts">
        <div>
          <dt>终端编号 / terminal</dt>
          <dd data-testid="maint-terminal-id">{info.terminalId}</dd>
        </div>
        {Object.entries(info.versions).map(([k, v]) => (
          <div key={k}>
            <dt>版本 / {k}</dt>
            <dd>{v ?? '—'}</dd>
          </div>
        ))}
        <div>
          <dt>网络 / network</dt>
          <dd data-testid="maint-network">
            {info.network.central.reachable ? `中心可达 / central reachable（${info.network.central.ms} ms）` : `中心不可达 / central unreachable: ${info.network.central.detail ?? ''}`}
            <br />
            {info.network.interfaces.map((i) => `${i.name} ${i.address}`).join(' · ') || '无网卡 / no interface'}
          </dd>
        </div>
        <div>
          <dt>磁盘 / disk</dt>
          <dd data-testid="maint-disk">{info.disk ? `可用 ${gb(info.disk.freeBytes)} / 共 ${gb(info.disk.totalBytes)}（已用 ${Math.round(info.disk.usedShare * 100)}%）` : '未知 / unknown'}</dd>
        </div>
        <div>
          <dt>帮办离线登录凭证 / helper offline tickets</dt>
          <dd data-testid="maint-helper-tickets">
            {`本机持有 ${info.helperTickets.held} 张（中心签发，各至多 10 小时，加密保存，过期即删）/ ${info.helperTickets.held} held on this terminal (issued by central, ≤ 10 h each, sealed, dropped at expiry)`}
          </dd>
        </div>
        <div>
          <dt>本机数据密钥 / at-rest key</dt>
          <dd data-testid="maint-at-rest-key" className={info.atRestKey?.fallbackReason ? 'maint-problem' : undefined}>
            {info.atRestKey?.fallbackReason ?? (info.atRestKey ? `由系统密钥库保管（${info.atRestKey.keystore}）/ held by the OS keystore (${info.atRestKey.keystore})` : '未知 / unknown')}
          </dd>
        </div>
        <div>
          <dt>软件更新 / software update</dt>
          <dd data-testid="maint-update" className={info.update?.reason ? 'maint-problem' : undefined}>
            {info.update
              ? `${info.update.step}${info.update.target ? ` → ${info.update.target}` : ''}${info.update.reason ? `（${info.update.reason}）` : ''} ${info.update.message}`
              : '本机不自动更新 / not updated automatically here'}
          </dd>
        </div>
        <div>
          <dt>远程配置 / remote configuration</dt>
          <dd data-testid="maint-remote-config" className={info.remoteConfig?.refused || info.remoteConfig?.drift ? 'maint-problem' : undefined}>
            {info.remoteConfig
              ? [
                  `分组版本 / group v${info.remoteConfig.applied.group ?? '—'} · 本机版本 / terminal v${info.remoteConfig.applied.terminal ?? '—'}`,
                  info.remoteConfig.drift ? `本地修改（中心可见）/ changed locally (shown at central): ${info.remoteConfig.driftFields.join(', ')}` : null,
                  info.remoteConfig.refused ? `已拒绝 v${info.remoteConfig.refused.version}（${info.remoteConfig.refused.reason}）: ${info.remoteConfig.refused.message}` : null,
                ]
                  .filter(Boolean)
                  .join(' · ')
              : '未启用 / not enabled'}
          </dd>
        </div>
        <div>
          <dt>语音播报 / spoken guidance</dt>
          <dd data-testid="maint-speech" className={info.speech.state === 'ready' ? undefined : 'maint-problem'}>
            {bilingual(speechStatusWords(info.speech))}
          </dd>
        </div>
      </dl>

      <h3>配置 / Configuration</h3>
      <p className="maint-sub">
        修改保存到 {config.file ?? '（无配置文件 / no file）'}，重启后生效；口令、地址与密钥不可在此修改 / saved to the config file, applies after restart; secrets are not editable here.
      </p>
      <div className="maint-config">
        {config.editable.map((f) => {
          const outcome = outcomes.find((o) => o.field === f.field);
          const id = `cfg-${f.field.replace(/\./g, '-')}`;
          return (
            <div key={f.field} className="maint-field">
              <label htmlFor={id}>{f.field}</label>
              <input
                id={id}
                data-field={f.field}
                inputMode={typeof f.value === 'number' ? 'numeric' : 'text'}
                value={draft[f.field] ?? ''}
                onChange={(e) => setDraft((d) => ({ ...d, [f.field]: e.target.value }))}
                aria-describedby={outcome ? `${id}-msg` : undefined}
              />
              {outcome && (
                <span id={`${id}-msg`} className={outcome.ok ? 'maint-ok' : 'maint-problem'} data-testid="config-outcome" data-ok={String(outcome.ok)}>
                  {outcome.message}
                </span>
              )}
            </div>
          );
        })}
      </div>
      <button type="button" className="btn btn-primary" data-testid="config-save" onClick={() => void save()}>
        保存配置 / save configuration
      </button>

      <h3>日志导出 / Log export</h3>
      <div className="maint-field">
        <label htmlFor="export-target">U 盘或文件夹路径 / USB or folder path</label>
        <input id="export-target" value={target} onChange={(e) => setTarget(e.target.value)} />
      </div>
      <button type="button" className="btn" data-testid="export-logs" onClick={() => void exportLogs()}>
        导出日志（已脱敏）/ export logs (redacted)
      </button>
      {exportNote && (
        <p className={exportNote.ok ? 'maint-ok' : 'maint-problem'} role="status" data-testid="export-note">
          {exportNote.text}
        </p>
      )}
    </div>
  );
}
