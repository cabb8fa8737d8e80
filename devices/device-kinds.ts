// What differs between the five device classes, as one table: how each is opened (real port or
// its simulator), what it consumes, and which of its own events reach the backend. The manager
// builds one supervisor per row; adding a device class is adding a row here.
import type { DeviceKind, DeviceStatusMap, Offline } from '../common/devices';
import { identityNumber } from '../common/devices';
import type { KioskEvent } from '../common/events';
import { maskIdNumber } from '../common/mask';
import { err, type Result } from '../common/result';
import { CupsPrinterSession } from './a4/cups-printer';
import { IppClient } from './a4/ipp-client';
import type { HidCodeScannerSession, SerialCodeScannerSession } from './code-scanner/code-scanner';
import { codeScannerConnector } from './code-scanner/connect';
import type { DeviceConfig } from './config';
import type { DeviceLogger } from './core/log';
import type { DeviceSession } from './core/session';
import { idCardReaderConnector } from './id-card/connect';
import { hidIdCardReaderConnector } from './id-card/hid/connect-hid';
import type { PhotoDecoder } from './id-card/photo-decoder';
import type { IdCardReaderSession } from './id-card/reader';
import { sdkIdCardReaderConnector } from './id-card/sdk/connect-sdk';
import type { SdkReaderSession } from './id-card/sdk/sdk-reader';
import { pcscSocialCardConnector } from './social-card/connect-pcsc';
import type { SocialCardReaderSession } from './social-card/social-card-reader';
import { receiptPrinterConnector, type ReceiptPrinterPortConfig } from './receipt/connect';
import type { HeldJobs } from './receipt/held-jobs';
import type { ReceiptPrinterSession } from './receipt/printer';
import { SaneScannerSession } from './scanner/scanner';
import type { DeviceSimulators } from './sim/simulators';
import type { SupervisorOptions } from './supervisor/supervisor';

interface Sessions {
  'social-card-reader': SocialCardReaderSession;
  'id-card-reader': IdCardReaderSession | SdkReaderSession;
  'receipt-printer': ReceiptPrinterSession;
  'a4-printer': CupsPrinterSession;
  scanner: SaneScannerSession;
  'code-scanner': SerialCodeScannerSession | HidCodeScannerSession;
}
/** The session type of each kind (the intersection lets generic code see it is a DeviceSession). */
export type SessionMap = { [K in DeviceKind]: Sessions[K] & DeviceSession<DeviceStatusMap[K]> };

/** What a row may use besides its own configuration. */
export interface KindEnv {
  /** present whenever some device runs in simulator mode */
  sims: DeviceSimulators | null;
  /** the reader vendor's WLT decoder (real reader) */
  photoDecoder: PhotoDecoder;
  /** the simulator's test-image decoder (simulated reader) */
  simPhotoDecoder: PhotoDecoder;
  held: HeldJobs;
  logger: DeviceLogger;
  emit: (e: KioskEvent) => void;
}

type ConfigOf<K extends DeviceKind> = Extract<DeviceConfig, { kind: K }>;
type Opened<K extends DeviceKind> = Result<SessionMap[K], Offline>;

interface KindSpec<K extends DeviceKind> {
  /** devices behind a system service (CUPS, SANE) are retried no faster than once a second */
  slowRetry?: boolean;
  connect(cfg: ConfigOf<K>, env: KindEnv): () => Promise<Opened<K>>;
  consumables?(env: KindEnv): SupervisorOptions<K, SessionMap[K]>['consumables'];
  onSession?(env: KindEnv): (session: SessionMap[K]) => void;
}

const unavailable = (detail: string): Result<never, Offline> => err({ state: 'offline', reason: 'unavailable', detail });

function simulators(env: KindEnv): DeviceSimulators {
  if (!env.sims) throw new Error('simulator mode without simulators');
  return env.sims;
}

/** A serial device simulated on a pty pair: start its simulator, then open the real driver on the host end. */
function overPty<K extends DeviceKind>(
  env: KindEnv,
  start: (sims: DeviceSimulators) => Promise<Result<{ pair: { hostPath: string } }, string>>,
  open: (hostPath: string) => () => Promise<Opened<K>>,
): () => Promise<Opened<K>> {
  return async () => {
    const s = await start(simulators(env));
    if (!s.ok) return unavailable(s.error);
    return open(s.value.pair.hostPath)();
  };
}

/** A serial device's simulator on a pty, its real driver talking serial to the host end at `baudRate`. */
function overSerialPty<K extends DeviceKind>(
  env: KindEnv,
  start: (sims: DeviceSimulators) => Promise<Result<{ pair: { hostPath: string } }, string>>,
  connector: (port: { mode: 'serial'; path: string; baudRate: number }) => () => Promise<Opened<K>>,
  baudRate: number,
): () => Promise<Opened<K>> {
  return overPty(env, start, (path) => connector({ mode: 'serial', path, baudRate }));
}

function receiptPort(c: ConfigOf<'receipt-printer'>): ReceiptPrinterPortConfig {
  switch (c.mode) {
    case 'tcp':
      return { mode: 'tcp', host: c.host ?? '127.0.0.1', port: c.port ?? 9100 };
    case 'usb-lp':
      return { mode: 'usb-lp', path: c.path ?? '/dev/usb/lp0' };
    default:
      return { mode: 'serial', path: c.path ?? '', baudRate: c.baudRate };
  }
}

/** The reader by its transport: serial SAM, SAM frames in HID reports, or the vendor's SDK. */
function idCardConnect(c: ConfigOf<'id-card-reader'>, env: KindEnv): () => Promise<Opened<'id-card-reader'>> {
  const hidProfile = c.hidProfile ?? 'length-byte-64';
  switch (c.mode) {
    case 'simulator':
      switch (c.simulatedTransport ?? 'serial') {
        case 'hid':
          return async () => {
            const s = await simulators(env).startIdCardHid(hidProfile);
            if (!s.ok) return unavailable(s.error);
            return hidIdCardReaderConnector({ vidPid: s.value.vidPid, profile: hidProfile, pollMs: c.pollMs }, env.simPhotoDecoder, s.value.binding)();
          };
        case 'sdk':
          return async () => {
            const s = await simulators(env).startIdCardSdk();
            if (!s.ok) return unavailable(s.error);
            return sdkIdCardReaderConnector({ library: s.value.libs.sdtapi, profile: 'sdtapi', port: 1001, pollMs: c.pollMs, callTimeoutMs: 5000 }, s.value.photoDecoder)();
          };
        default:
          return overPty(
            env,
            (sims) => sims.startIdCard(),
            (path) => idCardReaderConnector({ path, baudRate: c.baudRate, pollMs: c.pollMs }, env.simPhotoDecoder),
          );
      }
    case 'hid':
      return hidIdCardReaderConnector({ vidPid: c.vidPid, profile: hidProfile, pollMs: c.pollMs }, env.photoDecoder);
    case 'sdk':
      if (!c.sdk) return async () => err({ state: 'offline', reason: 'not-configured', detail: 'sdk.library is not configured' });
      return sdkIdCardReaderConnector({ ...c.sdk, pollMs: c.pollMs }, env.photoDecoder);
    default:
      return idCardReaderConnector({ path: c.path, vidPid: c.vidPid, baudRate: c.baudRate, pollMs: c.pollMs }, env.photoDecoder);
  }
}

export const DEVICE_KIND_SPECS: { [K in DeviceKind]: KindSpec<K> } = {
  'id-card-reader': {
    connect: idCardConnect,
    onSession:
      ({ logger, emit }) =>
      (s) => {
        s.events.on('card', (c) => {
          logger.log('idcard.read', {
            cardType: c.identity.cardType,
            idNumber: maskIdNumber(identityNumber(c.identity)),
            ms: Math.round(c.readMs),
            photoDecoded: !!c.photo,
            ...(c.photoProblem ? { photoProblem: c.photoProblem.problem, photoDetail: c.photoProblem.detail } : {}),
          });
          emit({
            type: 'idcard.read',
            source: 'id-card',
            identity: c.identity,
            photo: c.photo ? { mime: c.photo.mime, dataUrl: `data:${c.photo.mime};base64,${Buffer.from(c.photo.bytes).toString('base64')}` } : null,
            photoProblem: c.photoProblem?.problem ?? null,
          });
        });
        s.events.on('card-error', (f) => {
          logger.log('idcard.rejected', { reason: f.reason, problem: f.problem, detail: f.detail });
          emit({ type: 'idcard.error', reason: f.reason, problem: f.problem });
        });
        s.events.on('link-trouble', (t) => logger.log('device.link-trouble', { device: 'id-card-reader', ...t }));
      },
  },
  'receipt-printer': {
    connect: (c, env) => (c.mode === 'simulator' ? overSerialPty(env, (sims) => sims.startReceipt(), receiptPrinterConnector, c.baudRate) : receiptPrinterConnector(receiptPort(c))),
    consumables:
      ({ held }) =>
      (s: DeviceStatusMap['receipt-printer']) => ({ paper: s.state === 'paper-out' ? 'out' : 'paperNearEnd' in s && s.paperNearEnd ? 'near-end' : 'ok', heldJobs: held.size }),
  },
  'a4-printer': {
    slowRetry: true,
    connect: (c, env) => {
      const ipp = new IppClient();
      return async () => {
        if (c.mode === 'simulator') {
          const s = await simulators(env).startA4(c.queue);
          if (!s.ok) return unavailable(s.error);
        }
        return CupsPrinterSession.connect(ipp, c.queue);
      };
    },
  },
  scanner: {
    slowRetry: true,
    connect: (c, env) =>
      c.mode === 'simulator'
        ? () => {
            const s = simulators(env).startScanner();
            return SaneScannerSession.connect({ env: { configDir: s.configDir }, device: s.device, probeMs: 3000 });
          }
        : () => SaneScannerSession.connect({ env: { configDir: null }, device: c.device }),
  },
  'social-card-reader': {
    connect: (c, env) => {
      const open = (reader?: string) => pcscSocialCardConnector({ reader, profile: c.profile, pollMs: c.pollMs, callTimeoutMs: c.callTimeoutMs });
      if (c.mode !== 'simulator') return open(c.reader);
      return async () => {
        const s = await simulators(env).startSocialCard();
        if (!s.ok) return unavailable(s.error);
        return open(c.reader)();
      };
    },
    onSession:
      ({ logger, emit }) =>
      (s) => {
        s.events.on('card', (c) => {
          // no photo on a 社保卡: 人证核验 cannot be done with it (the journey treats it as faceCheck: false)
          logger.log('idcard.read', { cardType: c.identity.cardType, idNumber: maskIdNumber(c.identity.idNumber), ms: Math.round(c.readMs), photoDecoded: false });
          emit({ type: 'idcard.read', source: 'social-card', identity: c.identity, photo: null, photoProblem: 'social-card-has-no-photo' });
        });
        s.events.on('card-error', (f) => {
          const code = f.reason === 'not-social-card' ? 'not-social-card' : f.reason === 'read-failed' ? 'social-card-unreadable' : 'social-card-invalid';
          const detail = f.reason === 'read-failed' ? f.detail : f.reason === 'invalid-data' ? JSON.stringify(f.problem) : f.reason;
          logger.log('idcard.rejected', { reason: code, message: detail });
          emit({ type: 'idcard.error', reason: f.reason === 'read-failed' ? 'read-failed' : 'invalid-data', problem: code });
        });
      },
  },
  'code-scanner': {
    connect: (c, env) =>
      c.mode === 'simulator' ? overSerialPty(env, (sims) => sims.startCodeScanner(), codeScannerConnector, 9600) : codeScannerConnector({ mode: c.mode, path: c.path, vidPid: c.vidPid }),
    onSession:
      ({ logger, emit }) =>
      (s) => {
        s.events.on('code', (c) => {
          logger.log('code.scanned', { source: c.source, length: c.text.length });
          emit({ type: 'code.scanned', text: c.text, source: c.source });
        });
      },
  },
};
