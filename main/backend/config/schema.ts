// The one configuration file of a terminal. Everything has a default that works on a
// development machine with simulators, so `npm start` needs no file at all.
import { z } from 'zod';

const serialPath = z.string().min(1, '串口路径不能为空 / serial path must not be empty');

export const deviceConfigSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('id-card-reader'),
    mode: z.enum(['simulator', 'serial']),
    path: serialPath.optional(),
    vidPid: z.string().regex(/^[0-9a-fA-F]{4}:[0-9a-fA-F]{4}$/, '格式应为 VID:PID，如 0400:c35a').optional(),
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
    vidPid: z.string().regex(/^[0-9a-fA-F]{4}:[0-9a-fA-F]{4}$/).optional(),
  }),
]);
export type DeviceConfig = z.infer<typeof deviceConfigSchema>;

export const configSchema = z
  .object({
    terminalId: z
      .string()
      .regex(/^[A-Z0-9]{4,16}$/, '终端编号应为 4–16 位大写字母或数字 / 4–16 uppercase letters or digits')
      .default('DEV0001'),
    hallName: z.string().min(2).default('宿迁市宿城区政务服务中心'),
    township: z.string().min(2).nullable().default(null),
    /** null → start an embedded reference central on loopback (development / demo). */
    centralUrl: z.url({ protocol: /^https?$/ }).nullable().default(null),
    language: z.enum(['zh-CN', 'en']).default('zh-CN'),
    idle: z
      .object({
        /** seconds without touch before the warning appears */
        warnAfterSec: z.number().int().min(15).max(3600).default(90),
        /** seconds the visible countdown runs before the session is wiped */
        countdownSec: z.number().int().min(5).max(300).default(30),
      })
      .default({ warnAfterSec: 90, countdownSec: 30 }),
    catalogRefreshSec: z.number().int().min(30).default(600),
    /**
     * File holding this terminal's request-signing secret (mode 0600). null → <dataDir>/keys/terminal.secret,
     * generated on first start; a real deployment registers that secret with central.
     */
    terminalSecretFile: z.string().min(1).nullable().default(null),
    queue: z
      .object({
        /** days a submission's personal data stays on the kiosk after central acknowledged it */
        retentionDays: z.number().int().min(0).max(90).default(7),
        /** longest wait between sync attempts while central is unreachable */
        maxBackoffSec: z.number().int().min(5).max(3600).default(60),
        /** how often case status, result documents and the calendar are pulled */
        statusPollSec: z.number().int().min(10).max(86_400).default(60),
        /** the 0600 at-rest key file used only when no OS keystore (safeStorage, Secret Service) is available — a logged fallback; a key found here is moved into the keystore once one is. null → <dataDir>/keys/outbox.key */
        keyFile: z.string().min(1).nullable().default(null),
      })
      .strict()
      .default({ retentionDays: 7, maxBackoffSec: 60, statusPollSec: 60, keyFile: null }),
    devices: z
      .array(deviceConfigSchema)
      .default([
        { kind: 'id-card-reader', mode: 'simulator', baudRate: 115200, pollMs: 500 },
        { kind: 'receipt-printer', mode: 'simulator', baudRate: 115200, widthChars: 32 },
        { kind: 'a4-printer', mode: 'simulator', queue: 'kiosk-a4' },
        { kind: 'scanner', mode: 'simulator' },
        { kind: 'code-scanner', mode: 'simulator' },
      ]),
    /** Seconds between heartbeats to central (device health, consumables, queue, usage statistics). */
    heartbeatSec: z.number().int().min(10, '心跳间隔不得小于 10 秒 / at least 10 s').max(3600).default(60),
    /** Technician maintenance mode (entered by a hidden gesture plus the technician PIN). */
    maintenance: z
      .object({
        /** scrypt hash of the technician PIN (`npm run technician-pin`); null → maintenance mode cannot be entered */
        pinHash: z
          .string()
          .regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9_-]{16,}\$[A-Za-z0-9_-]{32,}$/, '应为 scrypt$N$r$p$salt$hash / expected scrypt$N$r$p$salt$hash')
          .nullable()
          .default(null),
        /** wrong PINs in a row before entry is locked */
        maxFailures: z.number().int().min(1).max(20).default(5),
        lockoutSec: z.number().int().min(10).max(86_400).default(300),
        /** a technician session ends after this long without a maintenance request */
        sessionIdleSec: z.number().int().min(30).max(3600).default(300),
        /** folders a log export may be written under (USB mounts) */
        exportRoots: z.array(z.string().startsWith('/')).default(['/media', '/mnt', '/run/media']),
      })
      .strict()
      .default({ pinHash: null, maxFailures: 5, lockoutSec: 300, sessionIdleSec: 300, exportRoots: ['/media', '/mnt', '/run/media'] }),
    /** The application journey (申办). */
    journey: z
      .object({
        /** 人证核验 after the card is read (needs a camera and a face verifier); false on terminals without either */
        faceCheck: z.boolean().default(true),
      })
      .strict()
      .default({ faceCheck: true }),
    /** 帮办代办: township helpers sign in with their ID card plus a PIN, both verified by central. */
    helpers: z
      .object({
        /** wrong PINs in a row on this screen before helper sign-in pauses here (central keeps its own per-helper count) */
        maxFailures: z.number().int().min(1).max(20).default(5),
        lockoutSec: z.number().int().min(10).max(86_400).default(900),
        /** the helper is signed out after this long without touching the screen */
        idleSignOutSec: z.number().int().min(30).max(7200).default(600),
        /** no longer used (terminals hold no staff registry since issue 10); still accepted so older config files load */
        registryRefreshSec: z.number().int().min(30).max(86_400).optional(),
      })
      .strict()
      .default({ maxFailures: 5, lockoutSec: 900, idleSignOutSec: 600 }),
    /** Development tools (the device simulator panel). Never true in a production build. */
    devTools: z.boolean().default(false),
  })
  .strict()
  .superRefine((c, ctx) => {
    c.devices.forEach((d, i) => {
      const needsPath =
        (d.kind === 'id-card-reader' && d.mode === 'serial' && !d.path && !d.vidPid) ||
        (d.kind === 'receipt-printer' && (d.mode === 'serial' || d.mode === 'usb-lp') && !d.path) ||
        (d.kind === 'code-scanner' && d.mode !== 'simulator' && !d.path && !d.vidPid);
      if (needsPath)
        ctx.addIssue({ code: 'custom', path: ['devices', i, 'path'], message: '真实设备须配置端口路径或 VID:PID / a real device needs a port path or VID:PID' });
      if (d.kind === 'receipt-printer' && d.mode === 'tcp' && (!d.host || !d.port))
        ctx.addIssue({ code: 'custom', path: ['devices', i, 'host'], message: '网络打印机须配置 host 与 port / a TCP printer needs host and port' });
    });
  });

export type KioskConfig = z.infer<typeof configSchema>;

/** The part of the configuration the renderer may see (no URLs, ports or secrets). */
export function publicConfig(c: KioskConfig) {
  return {
    terminalId: c.terminalId,
    hallName: c.hallName,
    township: c.township,
    language: c.language,
    idle: c.idle,
    helperIdleSignOutSec: c.helpers.idleSignOutSec,
    faceCheck: c.journey.faceCheck,
    devTools: c.devTools,
  };
}
