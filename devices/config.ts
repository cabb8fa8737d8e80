// The device part of the kiosk configuration. devices/ owns it (which device classes exist,
// how each is reached, what a real one needs); main/backend/config/schema.ts composes it into
// the terminal's one configuration file.
import { z } from 'zod';

const serialPath = z.string().min(1, '串口路径不能为空 / serial path must not be empty');
const vidPid = z.string().regex(/^[0-9a-fA-F]{4}:[0-9a-fA-F]{4}$/, '格式应为 VID:PID，如 0400:c35a');

const deviceConfigSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('id-card-reader'),
    mode: z.enum(['simulator', 'serial']),
    path: serialPath.optional(),
    vidPid: vidPid.optional(),
    baudRate: z.number().int().positive().default(115200),
    pollMs: z.number().int().min(300, '读卡器轮询间隔不得小于 300 ms').default(500),
  }),
  z.object({
    kind: z.literal('receipt-printer'),
    mode: z.enum(['simulator', 'serial', 'usb-lp', 'tcp']),
    path: z.string().optional(),
    host: z.string().optional(),
    port: z.number().int().min(1).max(65535).optional(),
    baudRate: z.number().int().positive().default(115200),
    widthChars: z.number().int().min(24).max(64).default(32),
  }),
  z.object({
    kind: z.literal('a4-printer'),
    mode: z.enum(['simulator', 'cups']),
    queue: z.string().min(1).default('kiosk-a4'),
    fontPath: z.string().optional(),
  }),
  z.object({
    kind: z.literal('scanner'),
    mode: z.enum(['simulator', 'sane']),
    device: z.string().optional(),
  }),
  z.object({
    kind: z.literal('code-scanner'),
    mode: z.enum(['simulator', 'hid', 'serial']),
    path: z.string().optional(),
    vidPid: z
      .string()
      .regex(/^[0-9a-fA-F]{4}:[0-9a-fA-F]{4}$/)
      .optional(),
  }),
]);
export type DeviceConfig = z.infer<typeof deviceConfigSchema>;

/** Every device class, simulated: what a development machine runs with no configuration file. */
const DEFAULT_DEVICES: DeviceConfig[] = [
  { kind: 'id-card-reader', mode: 'simulator', baudRate: 115200, pollMs: 500 },
  { kind: 'receipt-printer', mode: 'simulator', baudRate: 115200, widthChars: 32 },
  { kind: 'a4-printer', mode: 'simulator', queue: 'kiosk-a4' },
  { kind: 'scanner', mode: 'simulator' },
  { kind: 'code-scanner', mode: 'simulator' },
];

export const devicesConfigSchema = z.array(deviceConfigSchema).default(DEFAULT_DEVICES);

export interface DeviceConfigProblem {
  index: number;
  field: 'path' | 'host';
  message: string;
}

/**
 * What a real (non-simulated) device still lacks to be reachable. The configuration reports
 * these only once the whole file parsed, so they stay next to the other cross-field checks.
 */
export function deviceConfigProblems(devices: readonly DeviceConfig[]): DeviceConfigProblem[] {
  const problems: DeviceConfigProblem[] = [];
  devices.forEach((d, index) => {
    const needsPath =
      (d.kind === 'id-card-reader' && d.mode === 'serial' && !d.path && !d.vidPid) ||
      (d.kind === 'receipt-printer' && (d.mode === 'serial' || d.mode === 'usb-lp') && !d.path) ||
      (d.kind === 'code-scanner' && d.mode !== 'simulator' && !d.path && !d.vidPid);
    if (needsPath) problems.push({ index, field: 'path', message: '真实设备须配置端口路径或 VID:PID / a real device needs a port path or VID:PID' });
    if (d.kind === 'receipt-printer' && d.mode === 'tcp' && (!d.host || !d.port)) problems.push({ index, field: 'host', message: '网络打印机须配置 host 与 port / a TCP printer needs host and port' });
  });
  return problems;
}
