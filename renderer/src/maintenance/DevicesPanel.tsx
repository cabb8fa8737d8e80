// Device diagnostics: status, last error, consumables, self-test and reconnect for each device.
import { useCallback, useState } from 'react';
import type { DeviceKind } from '../../../common/devices';
import { api } from '../api';
import type { Answer } from '../call';
import { reconnectText, selfTestText } from '../i18n/device-words';
import { deviceNameText, deviceStatusText } from '../i18n/devices';
import { BACKGROUND, techValue } from './tech-fetch';
import { usePanelLoad } from './usePanelLoad';

type Row = Answer<typeof api.maintenance.devices.$get>['devices'][number];
type TestResult = { ok: boolean; message: string };

const HEALTH_LABEL = { ok: '正常 / OK', degraded: '需注意 / attention', offline: '不可用 / offline' } as const;
const PAPER_LABEL = { ok: '充足 / OK', 'near-end': '将用尽 / near end', out: '缺纸 / out' } as const;
const TEST_LABEL: Record<DeviceKind, string> = {
  'id-card-reader': '读卡测试 / read card',
  'receipt-printer': '打印测试凭条 / test print',
  'a4-printer': '打印 A4 测试页 / A4 test page',
  scanner: '扫描测试 / test scan',
  'code-scanner': '扫码测试 / test scan code',
  'social-card-reader': '读社保卡测试 / read social security card',
};

export function DevicesPanel({ onExpired }: { onExpired: (e: unknown) => void }) {
  const [rows, setRows] = useState<Row[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [results, setResults] = useState<Partial<Record<DeviceKind, TestResult>>>({});

  const read = useCallback(async (background: boolean) => setRows((await techValue(api.maintenance.devices.$get({}, background ? BACKGROUND : undefined))).devices), []);
  const load = usePanelLoad(read, 2000, onExpired);

  const act = async (kind: DeviceKind, what: 'self-test' | 'reconnect') => {
    setBusy(`${kind}:${what}`);
    try {
      let r: TestResult;
      if (what === 'self-test') {
        const t = await techValue(api.maintenance.devices[':kind']['self-test'].$post({ param: { kind } }));
        r = { ok: t.ok, message: selfTestText(t) };
      } else {
        const t = await techValue(api.maintenance.devices[':kind'].reconnect.$post({ param: { kind } }));
        r = { ok: t.ok, message: reconnectText(t.code) };
      }
      setResults((x) => ({ ...x, [kind]: r }));
      await load();
    } catch (e) {
      onExpired(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <ul className="maint-devices">
      {rows.map((d) => (
        <li key={d.device} className={`maint-card health-${d.health}`} data-testid="maint-device" data-device={d.device} data-health={d.health}>
          <h3>{deviceNameText(d.device)}</h3>
          <p>
            <span className={`maint-badge badge-${d.health}`}>{HEALTH_LABEL[d.health]}</span> <span data-testid="device-message">{deviceStatusText(d)}</span>
          </p>
          <p className="maint-sub">
            方式 / mode: {d.mode}
            {d.consumables?.paper && (
              <>
                {' · '}凭条纸 / paper: <strong data-testid="device-paper">{PAPER_LABEL[d.consumables.paper]}</strong>
              </>
            )}
            {d.consumables?.heldJobs ? ` · 待补打 / held receipts: ${d.consumables.heldJobs}` : ''}
          </p>
          <p className="maint-sub" data-testid="device-last-error">
            最近故障 / last error: {d.lastError ? `${deviceStatusText({ device: d.device, status: d.lastError.status })}（${new Date(d.lastError.at).toLocaleString('zh-CN')}）` : '无 / none'}
          </p>
          <div className="maint-actions">
            <button type="button" className="btn btn-primary" data-testid={`selftest-${d.device}`} disabled={busy !== null} onClick={() => void act(d.device, 'self-test')}>
              {busy === `${d.device}:self-test` ? '测试中… / testing…' : TEST_LABEL[d.device]}
            </button>
            <button type="button" className="btn" data-testid={`reconnect-${d.device}`} disabled={busy !== null} onClick={() => void act(d.device, 'reconnect')}>
              重新连接 / reconnect
            </button>
          </div>
          {results[d.device] && (
            <p className={results[d.device]!.ok ? 'maint-ok' : 'maint-problem'} role="status" data-testid={`selftest-result-${d.device}`}>
              {results[d.device]!.message}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
