// Technician CLI: `npm run devices -- <command>`; prints JSON, exits non-zero when something is
// wrong. How the terminal's devices are checked on site.
//   list [--wait S]                        what is attached: serial, HID, PC/SC readers, SANE, CUPS, /dev/usb/lp*, and the
//                                          printers discovery offers (known receipt models, driverless A4)
//   probe [--config F] [--wait S]          opens every configured device and reports its status
//   read-card [--transport serial|hid|sdk|pcsc] [--timeout S]   waits for a card, prints it (personal data masked)
//     serial: --port P [--baud B]; hid: --vid-pid V:P [--profile P]; sdk: --library L [--sdk-port N];
//     pcsc (社保卡): [--reader NAME] (the first PC/SC reader otherwise)
//     [--symbols JSON]; any: --decoder LIB (the vendor's WLT decoder: reports whether the photo decodes)
//   test-print --port P [--mode serial|usb-lp|tcp] [--baud B] [--width N]
//   scan [--device D] [--source flatbed|adf] [--pages N] [--out DIR] [--format jpeg|png]
//   setup-sim [--queue Q]                  prepares CUPS-PDF and checks socat / scanimage (CI, dev)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { SerialPort } from 'serialport';
import { identityDisplayName, identityNumber, type CardIdentity } from '../../../common/devices';
import { maskIdNumber, maskName } from '../../../common/mask';
import { selfTestSlip } from '../../../documents/self-test/self-test-prints';
import { discoverIppPrinters } from '../../../devices/a4/driverless';
import { IppClient } from '../../../devices/a4/ipp-client';
import { CupsPdfSim } from '../../../devices/a4/cups-sim';
import { memoryLogger } from '../../../devices/core/log';
import { idCardReaderConnector } from '../../../devices/id-card/connect';
import { hidIdCardReaderConnector } from '../../../devices/id-card/hid/connect-hid';
import { HID_PROFILE_NAMES, HID_PROFILES, type HidProfileName } from '../../../devices/id-card/hid/hid-profiles';
import { noPhotoDecoder, type PhotoDecoder } from '../../../devices/id-card/photo-decoder';
import type { IdCardReaderSession } from '../../../devices/id-card/reader';
import { sdkIdCardReaderConnector } from '../../../devices/id-card/sdk/connect-sdk';
import { sdkSymbolsSchema } from '../../../devices/id-card/sdk/sdk-profiles';
import type { SdkReaderSession } from '../../../devices/id-card/sdk/sdk-reader';
import { wltPhotoDecoder } from '../../../devices/id-card/sdk/wlt-decoder';
import type { Offline } from '../../../common/devices';
import type { Result } from '../../../common/result';
import { DeviceManager } from '../../../devices/manager';
import { receiptPrinterConnector } from '../../../devices/receipt/connect';
import { encodeReceipt } from '../../../devices/receipt/escpos-encoder';
import { discoverReceiptPrinters } from '../../../devices/receipt/receipt-discovery';
import { deviceOptions, listDevices, scan } from '../../../devices/scanner/scanimage';
import { socatAvailable } from '../../../devices/sim/pty-pair';
import { listPcscReaders, pcscSocialCardConnector } from '../../../devices/social-card/connect-pcsc';

type Args = { _: string[]; [k: string]: string | boolean | string[] };

function parseArgs(argv: string[]): Args {
  const out: Args = { _: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('--')) {
        out[a.slice(2)] = next;
        i++;
      } else out[a.slice(2)] = true;
    } else out._.push(a);
  }
  return out;
}

const str = (a: Args, k: string, d?: string) => (typeof a[k] === 'string' ? (a[k] as string) : d);
const num = (a: Args, k: string, d: number) => (typeof a[k] === 'string' ? Number(a[k]) : d);

function print(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

function maskedIdentity(i: CardIdentity) {
  return {
    cardType: i.cardType,
    name: maskName(identityDisplayName(i)),
    number: maskIdNumber(identityNumber(i)),
    gender: i.gender,
    birthYear: i.birthDate?.slice(0, 4) ?? null,
    validTo: i.cardType === 'social-security' ? i.validTo : 'validTo' in i ? (i.validTo ?? '长期') : null,
  };
}

async function list(a: Args) {
  const serial = await SerialPort.list().catch(() => []);
  let hid: unknown[] = [];
  try {
    const h = createRequire(import.meta.url)('node-hid') as { devices(): { vendorId: number; productId: number; path?: string; product?: string; usagePage?: number }[] };
    hid = h.devices().map((d) => ({ vidPid: `${d.vendorId.toString(16).padStart(4, '0')}:${d.productId.toString(16).padStart(4, '0')}`, path: d.path, product: d.product, usagePage: d.usagePage }));
  } catch (e) {
    hid = [{ error: (e as Error).message }];
  }
  const sane = await listDevices({ configDir: null });
  const lp = fs.existsSync('/dev/usb')
    ? fs
        .readdirSync('/dev/usb')
        .filter((n) => n.startsWith('lp'))
        .map((n) => `/dev/usb/${n}`)
    : [];
  const lpstat = spawnSync('lpstat', ['-e'], { encoding: 'utf8' });
  // what the maintenance screen's printers panel offers: known receipt models, driverless A4 printers
  const [receiptPrinters, a4] = await Promise.all([discoverReceiptPrinters(), discoverIppPrinters({ seconds: num(a, 'wait', 3) })]);
  // 社保卡 readers: what pcscd lists (read-card --transport pcsc --reader NAME)
  const pcsc = await listPcscReaders();
  print({
    serial: serial.map((p) => ({ path: p.path, vidPid: p.vendorId && p.productId ? `${p.vendorId}:${p.productId}` : null, manufacturer: p.manufacturer ?? null })),
    hid,
    // a HID ID-card reader is opened with read-card --transport hid --vid-pid V:P --profile P
    idCardHidProfiles: Object.fromEntries(Object.entries(HID_PROFILES).map(([name, p]) => [name, p.source])),
    pcscReaders: pcsc.ok ? pcsc.value : { error: pcsc.error },
    usbPrinters: lp,
    scanners: sane.ok ? sane.value : { error: sane.error.detail },
    receiptPrinters,
    a4Printers: a4.printers,
    ...(a4.problems.length ? { a4PrinterProblems: a4.problems } : {}),
    cupsQueues: lpstat.status === 0 ? lpstat.stdout.split('\n').filter(Boolean) : { error: (lpstat.stderr || lpstat.error?.message || 'lpstat failed').trim() },
  });
  return 0;
}

async function probe(a: Args) {
  // The one import from main/: this entry point reads the terminal's own configuration.
  const { loadConfig } = await import('../config/load');
  const { defaultPaths } = await import('../paths');
  const paths = defaultPaths();
  const loaded = loadConfig(str(a, 'config', paths.configFile) ?? null);
  if (!loaded.ok) {
    print({ ok: false, error: loaded.error });
    return 2;
  }
  const events: unknown[] = [];
  const m = await DeviceManager.start({ devices: loaded.value.devices, dataDir: paths.dataDir, logger: memoryLogger(), emit: (e) => events.push(e) });
  await m.settled();
  await new Promise((r) => setTimeout(r, num(a, 'wait', 2) * 1000));
  const devices = m.list();
  await m.close();
  print({ ok: devices.every((d) => d.health === 'ok'), config: loaded.value.source, devices });
  return devices.every((d) => d.health !== 'offline') ? 0 : 1;
}

/** The reader over the transport the technician names, as the kiosk would open it. */
function readerConnector(a: Args, decoder: PhotoDecoder): () => Promise<Result<IdCardReaderSession | SdkReaderSession, Offline>> {
  const transport = str(a, 'transport', 'serial');
  switch (transport) {
    case 'serial': {
      const port = str(a, 'port');
      if (!port) throw new Error('--port is required, e.g. --port /dev/ttyACM0');
      return idCardReaderConnector({ path: port, baudRate: num(a, 'baud', 115200), pollMs: 300 }, decoder);
    }
    case 'hid': {
      const vidPid = str(a, 'vid-pid');
      if (!vidPid) throw new Error('--vid-pid is required, e.g. --vid-pid 1a86:e010 (see `list`)');
      const profile = str(a, 'profile', 'length-byte-64')!;
      if (!(HID_PROFILE_NAMES as string[]).includes(profile)) throw new Error(`--profile must be one of ${HID_PROFILE_NAMES.join(', ')}`);
      return hidIdCardReaderConnector({ vidPid, profile: profile as HidProfileName, pollMs: 300 }, decoder);
    }
    case 'sdk': {
      const library = str(a, 'library');
      if (!library) throw new Error('--library is required: the vendor SDK (libsdtapi.so / sdtapi.dll)');
      const symbols = str(a, 'symbols');
      return sdkIdCardReaderConnector(
        {
          library,
          profile: 'sdtapi',
          symbols: symbols ? sdkSymbolsSchema.partial().parse(JSON.parse(symbols)) : undefined,
          port: num(a, 'sdk-port', 1001),
          pollMs: 300,
          callTimeoutMs: num(a, 'call-timeout', 5) * 1000,
        },
        decoder,
      );
    }
    default:
      throw new Error('--transport must be serial, hid, sdk or pcsc');
  }
}

/** A 社保卡 through PC/SC: waits for one, prints it masked. */
async function readSocialCard(a: Args) {
  const s = await pcscSocialCardConnector({ reader: str(a, 'reader'), profile: 'mohrss-v2', pollMs: 300, callTimeoutMs: num(a, 'call-timeout', 5) * 1000 })();
  return printOneCard(
    a,
    s,
    '请插入社保卡 / insert a social security card…\n',
    (session, settle) => {
      session.events.on('card', (c) => settle({ ok: true, card: maskedIdentity(c.identity), ms: Math.round(c.readMs) }));
      session.events.on('card-error', (f) => settle({ ok: false, error: f }));
    },
    (session) => ({ reader: session.readerName, status: session.status }),
  );
}

type CardOutcome = { ok: true; card: ReturnType<typeof maskedIdentity>; ms: number; photo?: unknown } | { ok: false; error: unknown; detail?: string };

/** Waits on an opened reader for one card, a failed read or the timeout, prints it (masked) with what the session says of itself, and closes the session. */
async function printOneCard<S extends { close(): Promise<void> }>(
  a: Args,
  opened: Result<S, unknown>,
  prompt: string,
  listen: (session: S, settle: (o: CardOutcome) => void) => void,
  about: (session: S) => Record<string, unknown>,
): Promise<number> {
  if (!opened.ok) {
    print({ ok: false, status: opened.error });
    return 1;
  }
  process.stderr.write(prompt);
  const session = opened.value;
  try {
    const card = await Promise.race([
      new Promise<CardOutcome>((resolve) => listen(session, resolve)),
      new Promise<CardOutcome>((resolve) => setTimeout(() => resolve({ ok: false, error: 'no card within the timeout' }), num(a, 'timeout', 30) * 1000)),
    ]);
    print({ ...card, ...about(session) });
    return card.ok ? 0 : 1;
  } finally {
    await session.close();
  }
}

async function readCard(a: Args) {
  if (str(a, 'transport') === 'pcsc') return readSocialCard(a);
  const decoderLib = str(a, 'decoder');
  const decoder = decoderLib ? wltPhotoDecoder({ library: decoderLib, symbol: 'unpack', flag: 0, okCode: 1, rowOrder: 'top-down', callTimeoutMs: 3000 }) : null;
  try {
    return await readCardWith(a, decoder ?? noPhotoDecoder);
  } finally {
    await decoder?.close();
  }
}

async function readCardWith(a: Args, decoder: PhotoDecoder) {
  const connect = readerConnector(a, decoder);
  return printOneCard(
    a,
    await connect(),
    '请放置证件 / place a card on the reader…\n',
    (session, settle) => {
      session.events.on('card', (c) =>
        settle({
          ok: true,
          card: maskedIdentity(c.identity),
          ms: Math.round(c.readMs),
          photo: c.photo ? { mime: c.photo.mime, width: c.photo.width, height: c.photo.height } : { problem: c.photoProblem?.problem, detail: c.photoProblem?.detail },
        }),
      );
      session.events.on('card-error', (f) => settle({ ok: false, error: f.problem, detail: f.detail }));
    },
    (session) => ({ samId: session.samId, status: session.status }),
  );
}

async function testPrint(a: Args) {
  const mode = (str(a, 'mode', 'serial') ?? 'serial') as 'serial' | 'usb-lp' | 'tcp';
  const port = str(a, 'port');
  if (!port) throw new Error('--port is required (a serial path, /dev/usb/lp0, or host:port for tcp)');
  const cfg =
    mode === 'tcp' ? { mode, host: port.split(':')[0]!, port: Number(port.split(':')[1] ?? 9100) } : mode === 'usb-lp' ? { mode, path: port } : { mode, path: port, baudRate: num(a, 'baud', 115200) };
  const s = await receiptPrinterConnector(cfg as never)();
  if (!s.ok) {
    print({ ok: false, status: s.error });
    return 1;
  }
  try {
    const width = num(a, 'width', 32);
    const bytes = encodeReceipt(selfTestSlip(null, new Date(), width >= 48 ? 48 : 32), { widthChars: width });
    const r = await s.value.printBytes(bytes);
    print({ ok: r.ok, bytes: bytes.length, status: s.value.status, ...(r.ok ? {} : { error: r.error }) });
    return r.ok ? 0 : 1;
  } finally {
    await s.value.close();
  }
}

async function scanCmd(a: Args) {
  const env = { configDir: process.env.SANE_CONFIG_DIR ?? null };
  const devices = await listDevices(env);
  if (!devices.ok) {
    print({ ok: false, error: devices.error });
    return 1;
  }
  const device = str(a, 'device', devices.value[0]);
  if (!device) {
    print({ ok: false, error: 'SANE sees no scanner', devices: devices.value });
    return 1;
  }
  const options = await deviceOptions(env, device);
  if (!options.ok) {
    print({ ok: false, error: options.error });
    return 1;
  }
  const format = (str(a, 'format', 'jpeg') as 'jpeg' | 'png') ?? 'jpeg';
  const r = await scan(
    env,
    device,
    {
      source: str(a, 'source', 'flatbed') === 'adf' ? 'adf' : 'flatbed',
      mode: 'color',
      resolution: num(a, 'resolution', 150),
      format,
      maxPages: typeof a.pages === 'string' ? Number(a.pages) : undefined,
    },
    options.value,
  );
  const out = str(a, 'out');
  const pages = r.ok ? r.value : r.error.pages;
  const files: string[] = [];
  if (out) {
    fs.mkdirSync(out, { recursive: true });
    for (const p of pages) {
      const f = path.join(out, `page${String(p.index).padStart(3, '0')}.${format === 'jpeg' ? 'jpg' : 'png'}`);
      fs.writeFileSync(f, p.bytes);
      files.push(f);
    }
  }
  print({
    ok: r.ok,
    device,
    options: options.value,
    pages: pages.map((p) => ({ index: p.index, mime: p.mime, bytes: p.bytes.length })),
    files,
    ...(r.ok ? {} : { error: { kind: r.error.kind, detail: r.error.detail } }),
  });
  return r.ok ? 0 : 1;
}

async function setupSim(a: Args) {
  const queue = str(a, 'queue', 'kiosk-a4')!;
  const cups = await CupsPdfSim.ensure(queue, new IppClient());
  const scanimage = spawnSync('scanimage', ['--version'], { encoding: 'utf8' });
  const result = {
    socat: socatAvailable(),
    scanimage: scanimage.status === 0 ? scanimage.stdout.trim() : null,
    cups: cups.ok ? { queue: cups.value.queue, outputDir: cups.value.outputDir } : { error: cups.error },
  };
  print(result);
  return result.socat && result.scanimage && cups.ok ? 0 : 1;
}

const COMMANDS = new Map<string, (a: Args) => Promise<number>>([
  ['list', list],
  ['probe', probe],
  ['read-card', readCard],
  ['test-print', testPrint],
  ['scan', scanCmd],
  ['setup-sim', setupSim],
]);

async function main(): Promise<number> {
  const a = parseArgs(process.argv.slice(2));
  const command = COMMANDS.get(a._[0] ?? '');
  if (command) return command(a);
  process.stderr.write('usage: npm run devices -- list | probe | read-card [--transport serial|hid|sdk] --port P | --vid-pid V:P | --library L | test-print --port P | scan | setup-sim\n');
  return 64;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    print({ ok: false, error: (e as Error).message });
    process.exit(1);
  },
);
