// The one configuration file of a terminal. Everything has a default that works on a
// development machine with simulators, so `npm start` needs no file at all.
import { z } from 'zod';
import { lazySchema } from '../../../common/lazy-schema';
import { suiteTagSchema } from '../../../common/crypto-suite/suite';
import { channelSchema } from '../../../common/fleet-updates';
import { deviceConfigProblems, devicesConfigSchema } from '../../../devices/config';

// Built at its first parse, not at load (~430 schema objects): a restart whose config file has not
// changed takes the validated copy (`validated-copy.ts`) and never builds it.
export const configSchema = lazySchema(() =>
  z
    .object({
      terminalId: z
        .string()
        .regex(/^[A-Z0-9]{4,16}$/, '终端编号应为 4–16 位大写字母或数字 / 4–16 uppercase letters or digits')
        .default('DEV0001'),
      hallName: z.string().min(2).default('宿迁市宿城区政务服务中心'),
      township: z.string().min(2).nullable().default(null),
      /** null → start an embedded reference central on loopback (development / demo). */
      centralUrl: z
        .url({ protocol: /^https?$/ })
        .nullable()
        .default(null),
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
      /**
       * The crypto suite of this deployment (issue 16, 密评): `international` (AES-256-GCM, SHA-256,
       * HMAC-SHA256) or `sm` (SM4-GCM, SM3, HMAC-SM3, SM2 request signatures). Central must register
       * the terminal for the same suite; a terminal set to `sm` refuses what the other suite made.
       */
      crypto: z
        .object({ suite: suiteTagSchema.default('international') })
        .strict()
        .default({ suite: 'international' }),
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
      devices: devicesConfigSchema,
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
      /** Signed staged updates and remote configuration from central (main/backend/updates/, config/remote-config.ts). */
      updates: z
        .object({
          /** false: neither updates nor remote configuration are fetched (a terminal managed by hand) */
          enabled: z.boolean().default(true),
          /** how often central is asked for the assigned release and configuration */
          checkEverySec: z.number().int().min(30).max(86_400).default(900),
          /** bandwidth cap of release downloads, bytes per second (the hall's uplink is shared with submissions) */
          maxBytesPerSec: z.number().int().min(8_000).max(1_000_000_000).default(500_000),
          /** daily window (China time, HH:MM, may wrap midnight) in which a release may be installed; null: any time nobody is at the screen */
          window: z
            .object({ from: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '应为 HH:MM / expected HH:MM'), to: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '应为 HH:MM / expected HH:MM') })
            .nullable()
            .default({ from: '22:00', to: '06:00' }),
          /** the release channel: stable terminals run stable releases only; beta (a pilot group) also the beta ones */
          channel: channelSchema.default('stable'),
        })
        .strict()
        .default({ enabled: true, checkEverySec: 900, maxBytesPerSec: 500_000, window: { from: '22:00', to: '06:00' }, channel: 'stable' }),
      /** Help at the kiosk (issue 15): 远程帮办 video calls with the hall and 呼叫帮助. */
      help: z
        .object({
          /** 视频帮办 on every screen (needs a camera and a microphone) */
          videoCall: z.boolean().default(true),
          /** said when nobody at the hall can come or answer */
          hotline: z
            .string()
            .regex(/^[0-9-]{3,20}$/)
            .default('12345'),
        })
        .strict()
        .default({ videoCall: true, hotline: '12345' }),
      /** Spoken guidance through the system speech service (speech-dispatcher + espeak-ng). */
      speech: z
        .object({
          /** speech-dispatcher's socket; null → `SPEECHD_ADDRESS`, else `$XDG_RUNTIME_DIR/speech-dispatcher/speechd.sock` */
          socketPath: z.string().startsWith('/').nullable().default(null),
          /** each citizen session starts with speech on (elderly and low-literacy users cannot find a switch they cannot read); false where a hall wants quiet */
          onByDefault: z.boolean().default(true),
          /** the volume each citizen session starts at, 0–100 (the citizen changes it in steps of 20) */
          volume: z.number().int().min(20).max(100).multipleOf(20).default(60),
        })
        .strict()
        .default({ socketPath: null, onByDefault: true, volume: 60 }),
      /** Development tools (the device simulator panel). Never true in a production build. */
      devTools: z.boolean().default(false),
    })
    .strict()
    .superRefine((c, ctx) => {
      for (const p of deviceConfigProblems(c.devices)) ctx.addIssue({ code: 'custom', path: ['devices', p.index, p.field], message: p.message });
    }),
);

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
    videoHelp: c.help.videoCall,
    helpHotline: c.help.hotline,
    speech: { onByDefault: c.speech.onByDefault, volume: c.speech.volume },
    devTools: c.devTools,
  };
}
