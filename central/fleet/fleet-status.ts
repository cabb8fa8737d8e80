// What the fleet page says about each terminal, from its latest heartbeat: silent (no heartbeat
// for 3 of its intervals), down (a device cannot serve citizens), out of paper, behind on sync,
// an update refused or rolled back, a configuration changed locally by a technician.
import { deviceStatusLine } from '../../common/device-words';
import { heartbeatSchema, type Heartbeat } from '../../common/heartbeat';

export const SILENT_AFTER_INTERVALS = 3;
/** Pending submissions older than this since the last successful sync count as "behind". */
export const BEHIND_AFTER_MS = 10 * 60_000;

export type Flag = 'never-reported' | 'silent' | 'down' | 'paper-out' | 'paper-low' | 'behind-sync' | 'dead-letters' | 'unusual-lookups' | 'update-failed' | 'config-drift';

export interface TerminalStatus {
  terminalId: string;
  lastSeen: string | null;
  secondsSinceLast: number | null;
  flags: Flag[];
  heartbeat: Heartbeat | null;
  /** devices that are offline, with what is wrong in words (common/device-words.ts) */
  downDevices: { device: string; message: string }[];
}

type HeartbeatRow = { terminalId: string; receivedAt: number | null; intervalSec: number | null; body: string | null };

/** A stored heartbeat body as the current schema reads it (null: unreadable, e.g. an older build's). */
export function parseStoredHeartbeat(body: string): Heartbeat | null {
  const parsed = heartbeatSchema.safeParse(JSON.parse(body));
  return parsed.success ? parsed.data : null;
}

export function terminalStatus(row: HeartbeatRow, now: number, parse: (row: HeartbeatRow & { body: string }) => Heartbeat | null = (r) => parseStoredHeartbeat(r.body)): TerminalStatus {
  if (row.receivedAt === null || row.body === null) {
    return { terminalId: row.terminalId, lastSeen: null, secondsSinceLast: null, flags: ['never-reported'], heartbeat: null, downDevices: [] };
  }
  const hb = parse({ ...row, body: row.body });
  const flags: Flag[] = [];
  const age = now - row.receivedAt;
  if (age > SILENT_AFTER_INTERVALS * (row.intervalSec ?? 60) * 1000) flags.push('silent');
  const downDevices = (hb?.devices ?? []).filter((d) => d.health === 'offline').map((d) => ({ device: d.device, message: deviceMessage(d) }));
  if (downDevices.length) flags.push('down');
  const paper = hb?.devices.find((d) => d.device === 'receipt-printer');
  if (paper?.paper === 'out' || paper?.state === 'paper-out') flags.push('paper-out');
  else if (paper?.paper === 'near-end') flags.push('paper-low');
  if (hb) {
    const last = hb.queue.lastSyncAt ? Date.parse(hb.queue.lastSyncAt) : null;
    if (hb.queue.state === 'auth-failed' || (hb.queue.pending > 0 && (last === null || row.receivedAt - last > BEHIND_AFTER_MS))) flags.push('behind-sync');
    if (hb.queue.dead > 0) flags.push('dead-letters');
    if (hb.update?.step === 'rolled-back' || hb.update?.step === 'refused') flags.push('update-failed');
    if (hb.config?.drift) flags.push('config-drift');
  }
  return { terminalId: row.terminalId, lastSeen: new Date(row.receivedAt).toISOString(), secondsSinceLast: Math.round(age / 1000), flags, heartbeat: hb, downDevices };
}

/**
 * A device's status in the words the kiosk's maintenance screen uses. A terminal before contract
 * 1.1 sent its own sentence (`message`) and no `status`: that sentence is shown as it came.
 */
function deviceMessage(d: Heartbeat['devices'][number]): string {
  if (d.status) return deviceStatusLine(d.device, d.status);
  return d.message ?? deviceStatusLine(d.device, { state: d.state });
}

export const FLAG_LABELS: Record<Flag, string> = {
  'never-reported': '从未上报 / never reported',
  silent: '失联 / stopped reporting',
  down: '设备故障 / device down',
  'paper-out': '缺纸 / out of paper',
  'paper-low': '纸将用尽 / paper low',
  'behind-sync': '同步滞后 / behind on sync',
  'dead-letters': '有待处理申请 / dead letters',
  'unusual-lookups': '查询异常（近一小时大量未找到、凭证不符或被限流）/ unusual lookups in the last hour',
  'update-failed': '更新被拒或已回退 / update refused or rolled back',
  'config-drift': '配置被本地修改 / configuration changed locally',
};
