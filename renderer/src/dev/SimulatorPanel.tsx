// Developer panel for the device simulators: place and remove ID cards, run the receipt printer
// out of paper, open covers, jam the scanner, stop the A4 queue, scan a code, unplug and replug
// anything, set what the face verifier (人证核验) answers — and see each device's status and the
// receipts that came out. Mounted only with devTools (src/devtools/DevPanelSlot.tsx); the backend serves /api/dev/sim only then too.
import { useCallback, useEffect, useState, type CSSProperties, type ReactNode } from 'react';
import type { DeviceKind, DeviceStatusView } from '../../../common/devices';
import { api } from '../api';
import { call, type Answer } from '../call';
import { deviceStatusText } from '../i18n/devices';
import './simulator-panel.css';

type SimState = Answer<typeof api.dev.sim.$get>['state'];

type Action = Parameters<typeof api.dev.sim.actions.$post>[0]['json'];
type NetidKind = Parameters<typeof api.dev.sim.netid.$post>[0]['json']['kind'];
const NETID_KINDS: [NetidKind, string][] = [
  ['valid', '有效 valid'],
  ['minimal', '仅姓名号码 name + number only'],
  ['expired', '已过期 expired'],
  ['forged', '签名错 forged'],
  ['unknown-issuer', '未知签发方 unknown issuer'],
];

const CARD_LABEL: Record<string, string> = {
  resident: '居民身份证',
  'resident-long-term': '居民身份证（长期）',
  'hmt-residence-permit': '港澳台居民居住证',
  'foreign-permanent-2017': '外国人永居证（2017）',
  'foreign-permanent-2023': '外国人永居证（2023）',
};

const HEALTH_COLOR = { ok: '#1b7f3b', degraded: '#b36b00', offline: '#b3261e' } as const;

const s = {
  body: { padding: 10, display: 'grid', gap: 10 },
  group: { border: '1px solid #e4d9bf', borderRadius: 6, padding: 8 },
  row: { display: 'flex', flexWrap: 'wrap', gap: 4, marginTop: 4 },
  btn: { font: 'inherit', padding: '3px 8px', border: '1px solid #998', borderRadius: 4, background: '#fff', cursor: 'pointer' },
  status: { fontSize: 12, marginTop: 2 },
} satisfies Record<string, CSSProperties>;

function Btn({ children, onClick, title }: { children: ReactNode; onClick: () => void; title?: string }) {
  return (
    <button type="button" style={s.btn} onClick={onClick} title={title}>
      {children}
    </button>
  );
}

export function SimulatorPanel() {
  // Collapsed by default: a developer opens it when a device needs a nudge. Open or not, it
  // is docked in a column of its own (simulator-panel.css), so it never lies over the kiosk.
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const html = document.documentElement.classList;
    html.add('sim-docked');
    html.toggle('sim-open', open);
    return () => html.remove('sim-docked', 'sim-open');
  }, [open]);
  const [devices, setDevices] = useState<DeviceStatusView[]>([]);
  const [state, setState] = useState<SimState | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [code, setCode] = useState('SQ20261122-000123');

  const refresh = useCallback(async () => {
    try {
      const [d, st] = await Promise.all([call(api.devices.$get()), call(api.dev.sim.$get())]);
      if (d.ok) setDevices(d.value.devices);
      if (st.ok) setState(st.value.state);
      else setMessage('模拟器未启用 / simulators are not enabled');
    } catch {
      setMessage('后端不可达 / backend unreachable');
    }
  }, []);

  useEffect(() => {
    void refresh();
    const t = setInterval(() => void refresh(), 1000);
    return () => clearInterval(t);
  }, [refresh]);

  const act = useCallback(
    async (a: Action) => {
      const r = await call(api.dev.sim.actions.$post({ json: a }));
      setMessage(r.ok ? `✓ ${a.device} ${a.action}` : `✗ ${r.error.message}`);
      void refresh();
    },
    [refresh],
  );

  const showNetid = useCallback(async (kind: NetidKind) => {
    const r = await call(api.dev.sim.netid.$post({ json: { kind } }));
    setMessage(r.ok ? `✓ 网证 ${kind}` : `✗ ${r.error.message}`);
  }, []);

  const view = (k: DeviceKind) => devices.find((d) => d.device === k);
  const line = (k: DeviceKind) => {
    const v = view(k);
    if (!v) return null;
    return (
      <div style={s.status} data-device={k} data-health={v.health}>
        <span style={{ color: HEALTH_COLOR[v.health], fontWeight: 600 }}>● {v.health}</span> {deviceStatusText(v)}
      </div>
    );
  };
  const plug = (device: Action['device']) => (
    <>
      <Btn onClick={() => void act({ device, action: 'unplug' } as Action)}>拔出 unplug</Btn>
      <Btn onClick={() => void act({ device, action: 'replug' } as Action)}>插回 replug</Btn>
    </>
  );

  return (
    <aside className="sim-panel" aria-label="设备模拟器 / device simulators" data-testid="simulator-panel">
      <button type="button" className="sim-head" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="simulator-toggle">
        <strong>设备模拟器 / Simulators（开发用）</strong>
        <span aria-hidden="true">{open ? '▸' : '◂'}</span>
      </button>
      {open && (
        <div style={s.body}>
          {message && <div role="status">{message}</div>}

          <section style={s.group}>
            <strong>身份证阅读器 / ID card</strong>
            {line('id-card-reader')}
            <div style={s.row}>
              {(state?.cards ?? Object.keys(CARD_LABEL)).map((c) => (
                <Btn key={c} onClick={() => void act({ device: 'id-card-reader', action: 'insert', card: c as never })}>
                  放置 {CARD_LABEL[c] ?? c}
                </Btn>
              ))}
            </div>
            <div style={s.row}>
              <Btn onClick={() => void act({ device: 'id-card-reader', action: 'remove' })}>取走 remove</Btn>
              <Btn onClick={() => void act({ device: 'id-card-reader', action: 'noise' })} title="line noise, split frames, one bad checksum">
                线路噪声 noise
              </Btn>
              <Btn onClick={() => void act({ device: 'id-card-reader', action: 'sam-fault' })}>SAM 故障</Btn>
              <Btn onClick={() => void act({ device: 'id-card-reader', action: 'clear' })}>清除故障 clear</Btn>
              {plug('id-card-reader')}
            </div>
            {state?.idCard.inserted && <div style={s.status}>在感应区：{CARD_LABEL[state.idCard.inserted] ?? state.idCard.inserted}</div>}
          </section>

          {state?.socialCard.simulated && (
            <section style={s.group}>
              <strong>社保卡读卡器 / Social security card (PC/SC)</strong>
              {line('social-card-reader')}
              <div style={s.row}>
                <Btn onClick={() => void act({ device: 'social-card-reader', action: 'insert', card: 'resident' })}>插入社保卡 insert</Btn>
                <Btn onClick={() => void act({ device: 'social-card-reader', action: 'insert-wrong-card' })}>插入其他卡 wrong card</Btn>
                <Btn onClick={() => void act({ device: 'social-card-reader', action: 'insert-garbage' })}>乱码卡 garbage</Btn>
                <Btn onClick={() => void act({ device: 'social-card-reader', action: 'remove' })}>取出 remove</Btn>
                {plug('social-card-reader')}
              </div>
              {state.socialCard.inserted && <div style={s.status}>卡在读卡器中 / card inserted</div>}
            </section>
          )}

          <section style={s.group}>
            <strong>凭条打印机 / Receipt printer</strong>
            {line('receipt-printer')}
            <div style={s.row}>
              <Btn onClick={() => void act({ device: 'receipt-printer', action: 'paper-near-end' })}>纸将尽 near end</Btn>
              <Btn onClick={() => void act({ device: 'receipt-printer', action: 'paper-out' })}>缺纸 paper out</Btn>
              <Btn onClick={() => void act({ device: 'receipt-printer', action: 'cover-open' })}>开盖 cover open</Btn>
              <Btn onClick={() => void act({ device: 'receipt-printer', action: 'cutter-error' })}>切刀故障</Btn>
              <Btn onClick={() => void act({ device: 'receipt-printer', action: 'clear' })}>恢复 clear</Btn>
              {plug('receipt-printer')}
            </div>
            {state?.receipt.printed.slice(0, 3).map((r) => (
              <pre key={r.at} style={{ margin: '6px 0 0', padding: 6, background: '#fff', border: '1px solid #ddd', whiteSpace: 'pre-wrap', fontSize: 11 }}>
                {r.lines.join('\n')}
                {r.qrPayloads.map((q) => `\n[QR] ${q}`).join('')}
                {`\n✂ ${r.cut}`}
              </pre>
            ))}
          </section>

          <section style={s.group}>
            <strong>A4 打印机 / A4 printer</strong>
            {line('a4-printer')}
            <div style={s.row}>
              <Btn onClick={() => void act({ device: 'a4-printer', action: 'stop', reason: '模拟卡纸 simulated jam' })}>停止 stop</Btn>
              <Btn onClick={() => void act({ device: 'a4-printer', action: 'resume' })}>恢复 resume</Btn>
              {plug('a4-printer')}
            </div>
            {state?.a4.outputDir && <div style={s.status}>PDF 输出 / output: {state.a4.outputDir}</div>}
            {state?.a4.problem && <div style={s.status}>{state.a4.problem}</div>}
          </section>

          <section style={s.group}>
            <strong>扫描仪 / Scanner</strong>
            {line('scanner')}
            <div style={s.row}>
              <Btn onClick={() => void act({ device: 'scanner', action: 'jam' })}>卡纸 jam</Btn>
              <Btn onClick={() => void act({ device: 'scanner', action: 'cover-open' })}>开盖 cover open</Btn>
              <Btn onClick={() => void act({ device: 'scanner', action: 'no-documents' })}>无纸 no documents</Btn>
              <Btn onClick={() => void act({ device: 'scanner', action: 'clear' })}>恢复 clear</Btn>
              {plug('scanner')}
            </div>
            {state && state.scanner.fault !== 'none' && <div style={s.status}>下次扫描将：{state.scanner.fault}</div>}
          </section>

          <section style={s.group}>
            <strong>扫码器 / Code scanner</strong>
            {line('code-scanner')}
            <div style={s.row}>
              <input aria-label="code" value={code} onChange={(e) => setCode(e.target.value)} style={{ flex: 1, font: 'inherit' }} />
              <Btn onClick={() => void act({ device: 'code-scanner', action: 'scan', text: code })}>扫码 scan</Btn>
              {plug('code-scanner')}
            </div>
          </section>

          <section style={s.group} data-testid="sim-netid">
            <strong>网证 / Network identity QR (test issuer → code scanner)</strong>
            <div style={s.row}>
              {NETID_KINDS.map(([kind, label]) => (
                <Btn key={kind} onClick={() => void showNetid(kind)}>
                  {label}
                </Btn>
              ))}
            </div>
          </section>

          <section style={s.group} data-testid="sim-face">
            <strong>人证核验 / Face verifier</strong>
            <div style={s.row}>
              <Btn onClick={() => void act({ device: 'face-verifier', action: 'match' })}>一致 match</Btn>
              <Btn onClick={() => void act({ device: 'face-verifier', action: 'no-match' })}>不一致 no match</Btn>
              <Btn onClick={() => void act({ device: 'face-verifier', action: 'no-face' })}>无人脸 no face</Btn>
              <Btn onClick={() => void act({ device: 'face-verifier', action: 'unavailable' })}>不可用 unavailable</Btn>
            </div>
            {state?.face && (
              <div style={s.status}>
                下次核验：{state.face.mode}（已核验 {state.face.calls} 次）
              </div>
            )}
          </section>
        </div>
      )}
    </aside>
  );
}

export default SimulatorPanel;
