// The device part of the kiosk configuration. devices/ owns it (which device classes exist,
// how each is reached, what a real one needs); main/backend/config/schema.ts composes it into
// the terminal's one configuration file.
import { z } from 'zod';
import { lazySchema } from '../common/lazy-schema';
import { HID_PROFILE_NAMES } from './id-card/hid/hid-profiles';
import { SDK_PROFILE_NAMES, sdkSymbolsSchema } from './id-card/sdk/sdk-profiles';

const serialPath = lazySchema(() => z.string().min(1, '串口路径不能为空 / serial path must not be empty'));
const vidPid = lazySchema(() => z.string().regex(/^[0-9a-fA-F]{4}:[0-9a-fA-F]{4}$/, '格式应为 VID:PID，如 0400:c35a'));

const deviceConfigSchema = lazySchema(() =>
  z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('id-card-reader'),
      /** serial / USB-CDC with the SAM protocol, USB HID carrying SAM frames, or the vendor's SDK */
      mode: z.enum(['simulator', 'serial', 'hid', 'sdk']),
      path: serialPath.optional(),
      /** serial: finds the port; hid: the device to open */
      vidPid: vidPid.optional(),
      baudRate: z.number().int().positive().default(115200),
      pollMs: z.number().int().min(300, '读卡器轮询间隔不得小于 300 ms').default(500),
      /** simulator mode: the transport the real driver reaches the simulated reader through [serial] */
      simulatedTransport: z.enum(['serial', 'hid', 'sdk']).optional(),
      /** hid: how this reader model carries frames in reports (devices/README.md) [length-byte-64] */
      hidProfile: z.enum(HID_PROFILE_NAMES).optional(),
      sdk: z
        .object({
          library: z.string().min(1, '须配置读卡器驱动库路径 / the SDK library path is required'),
          profile: z.enum(SDK_PROFILE_NAMES).default('sdtapi'),
          /** symbol names where this vendor's differ from the profile's */
          symbols: sdkSymbolsSchema.partial().optional(),
          /** the SDK's port number: USB 1001–1016, serial 1–16 */
          port: z.number().int().min(1).default(1001),
          callTimeoutMs: z.number().int().min(500).max(60_000).default(5000),
        })
        .optional(),
      /** the vendor's WLT decoding library; without one there is no card photo, hence no 人证核验 */
      photoDecoder: z
        .object({
          library: z.string().min(1),
          symbol: z.string().min(1).default('unpack'),
          flag: z.number().int().default(0),
          okCode: z.number().int().default(1),
          rowOrder: z.enum(['top-down', 'bottom-up']).default('top-down'),
          callTimeoutMs: z.number().int().min(200).max(30_000).default(3000),
        })
        .nullable()
        .optional(),
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
    // 社保卡 reader (PC/SC through pcscd): optional; a terminal without one is not degraded
    z.object({
      kind: z.literal('social-card-reader'),
      mode: z.enum(['simulator', 'pcsc']),
      /** a reader whose PC/SC name contains this; the first reader when absent */
      reader: z.string().min(1).optional(),
      profile: z.enum(['mohrss-v2']).default('mohrss-v2'),
      pollMs: z.number().int().min(200).max(5000).default(300),
      callTimeoutMs: z.number().int().min(500).max(60_000).default(5000),
    }),
  ]),
);
export type DeviceConfig = z.infer<typeof deviceConfigSchema>;

/** Every device class, simulated: what a development machine runs with no configuration file. */
const DEFAULT_DEVICES: DeviceConfig[] = [
  { kind: 'id-card-reader', mode: 'simulator', baudRate: 115200, pollMs: 500 },
  { kind: 'receipt-printer', mode: 'simulator', baudRate: 115200, widthChars: 32 },
  { kind: 'a4-printer', mode: 'simulator', queue: 'kiosk-a4' },
  { kind: 'scanner', mode: 'simulator' },
  { kind: 'code-scanner', mode: 'simulator' },
];

export const devicesConfigSchema = lazySchema(() => z.array(deviceConfigSchema).default(DEFAULT_DEVICES));

export interface DeviceConfigProblem {
  index: number;
  field: 'path' | 'host' | 'vidPid' | 'sdk';
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
    if (d.kind === 'id-card-reader' && d.mode === 'hid' && !d.vidPid) problems.push({ index, field: 'vidPid', message: 'HID 读卡器须配置 VID:PID / a HID reader needs its VID:PID' });
    if (d.kind === 'id-card-reader' && d.mode === 'sdk' && !d.sdk) problems.push({ index, field: 'sdk', message: '须配置读卡器驱动库 (sdk.library) / an SDK reader needs sdk.library' });
    if (d.kind === 'receipt-printer' && d.mode === 'tcp' && (!d.host || !d.port)) problems.push({ index, field: 'host', message: '网络打印机须配置 host 与 port / a TCP printer needs host and port' });
  });
  return problems;
}
