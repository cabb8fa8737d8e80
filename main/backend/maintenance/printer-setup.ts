// Printer discovery in maintenance: what receipt and A4 printers are attached or on the network,
// and a technician's choice of one — written to the device configuration (applies after restart)
// and proved at once with a test print on the chosen printer itself. Outcomes are codes with their
// parameters; the maintenance screen words them (renderer/src/i18n/maintenance-words.ts).
import type { DeviceConfig } from '../../../devices/config';
import { CupsPrinterSession } from '../../../devices/a4/cups-printer';
import { addDriverlessQueue, discoverIppPrinters, parsePrinterAddress, queueNameFor, type DiscoveredIppPrinter, type DriverlessError } from '../../../devices/a4/driverless';
import { IppClient } from '../../../devices/a4/ipp-client';
import { buildA4Pdf, findCjkFont } from '../../../devices/a4/pdf-builder';
import { receiptPrinterConnector } from '../../../devices/receipt/connect';
import { encodeReceipt } from '../../../devices/receipt/escpos-encoder';
import { discoverReceiptPrinters, systemReceiptPorts, type DiscoveredReceiptPrinter, type ReceiptPortSources } from '../../../devices/receipt/receipt-discovery';
import { selfTestPage, selfTestSlip } from '../../../documents/self-test/self-test-prints';
import type { BackendContext } from '../context';
import { receiptWidth } from '../journey/receipt-width';
import { setDeviceRow } from './config-edit';

export interface PrintersView {
  receipt: DiscoveredReceiptPrinter[];
  a4: DiscoveredIppPrinter[];
  /** tools that could not look (ippfind / lpinfo missing or failing): the screen says so */
  problems: DriverlessError[];
  /** what is configured now, for the screen to mark */
  current: { receipt: DeviceConfig | null; a4: DeviceConfig | null };
}

/** The outcome of choosing a printer: saved or not, and what the test print did. */
export type ChooseOutcome =
  | { ok: true; code: 'receipt-chosen'; saved: true; path: string }
  | { ok: false; code: 'receipt-test-failed'; saved: true; path: string; why: string }
  | { ok: true; code: 'a4-chosen'; saved: true; queue: string; uri: string }
  | { ok: false; code: 'a4-test-failed'; saved: true; queue: string; uri: string; why: string };

export type ChooseRefusal =
  | { kind: 'no-config-file' }
  | { kind: 'printer-not-found' }
  | { kind: 'printer-not-saved'; issue: string }
  | { kind: 'bad-address'; detail: string }
  | { kind: 'queue-not-added'; code: DriverlessError['code']; detail: string };

function configured(ctx: BackendContext, kind: DeviceConfig['kind']): DeviceConfig | null {
  return ctx.config.devices.find((d) => d.kind === kind) ?? null;
}

/** In simulator mode the simulator's spare printer stands for what is attached. */
function receiptSources(ctx: BackendContext): ReceiptPortSources {
  const sim = ctx.devices.sim;
  if (!sim || configured(ctx, 'receipt-printer')?.mode !== 'simulator') return systemReceiptPorts;
  return {
    serial: async () => {
      const spare = await sim.spareReceiptPort();
      return spare.ok ? [spare.value] : [];
    },
    usbLp: async () => [],
  };
}

export async function discoverPrinters(ctx: BackendContext): Promise<PrintersView> {
  const simulatedReceipt = !!ctx.devices.sim && configured(ctx, 'receipt-printer')?.mode === 'simulator';
  const [receipt, a4] = await Promise.all([discoverReceiptPrinters(receiptSources(ctx)), discoverIppPrinters({ seconds: 3 })]);
  return {
    receipt: simulatedReceipt ? receipt.map((p) => ({ ...p, simulated: true as const })) : receipt,
    a4: a4.printers,
    problems: a4.problems,
    current: { receipt: configured(ctx, 'receipt-printer'), a4: configured(ctx, 'a4-printer') },
  };
}

export type Chosen<T> = { ok: true; value: T } | { ok: false; error: ChooseRefusal };

export async function chooseReceiptPrinter(ctx: BackendContext, configFile: string | null, path: string): Promise<Chosen<ChooseOutcome>> {
  if (!configFile) return { ok: false, error: { kind: 'no-config-file' } };
  // only a printer discovery offers now: the route writes no path a client makes up
  const found = (await discoverReceiptPrinters(receiptSources(ctx))).find((p) => p.path === path);
  if (!found) return { ok: false, error: { kind: 'printer-not-found' } };
  const old = configured(ctx, 'receipt-printer');
  const widthChars = old?.kind === 'receipt-printer' ? old.widthChars : 32;
  const row: DeviceConfig =
    found.mode === 'usb-lp' ? { kind: 'receipt-printer', mode: 'usb-lp', path, baudRate: 115200, widthChars } : { kind: 'receipt-printer', mode: 'serial', path, baudRate: 115200, widthChars };
  const saved = setDeviceRow(configFile, row);
  if (!saved.ok) return { ok: false, error: { kind: 'printer-not-saved', issue: saved.issue } };
  const why = await testPrintReceipt(ctx, row);
  return { ok: true, value: why === null ? { ok: true, code: 'receipt-chosen', saved: true, path } : { ok: false, code: 'receipt-test-failed', saved: true, path, why } };
}

/** A test slip on the chosen printer; null when it printed, else why not (a status reason or failure kind). */
async function testPrintReceipt(ctx: BackendContext, row: Extract<DeviceConfig, { kind: 'receipt-printer' }>): Promise<string | null> {
  const port = row.mode === 'usb-lp' ? { mode: 'usb-lp' as const, path: row.path! } : { mode: 'serial' as const, path: row.path!, baudRate: row.baudRate };
  const s = await receiptPrinterConnector(port)();
  if (!s.ok) return s.error.reason;
  try {
    const bytes = encodeReceipt(selfTestSlip(ctx.config.terminalId, new Date(), receiptWidth(ctx.config)), { widthChars: row.widthChars });
    const r = await s.value.printBytes(bytes);
    return r.ok ? null : r.error.reason;
  } finally {
    await s.value.close();
  }
}

export async function chooseA4Printer(ctx: BackendContext, configFile: string | null, choice: { uri: string; name?: string } | { address: string }): Promise<Chosen<ChooseOutcome>> {
  if (!configFile) return { ok: false, error: { kind: 'no-config-file' } };
  let uri: string;
  let name: string | undefined;
  if ('address' in choice) {
    const parsed = parsePrinterAddress(choice.address);
    if (!parsed.ok) return { ok: false, error: { kind: 'bad-address', detail: 'detail' in parsed.error ? parsed.error.detail : parsed.error.code } };
    uri = parsed.value;
  } else {
    uri = choice.uri;
    name = choice.name;
  }
  const queue = queueNameFor({ name, uri });
  const added = await addDriverlessQueue(queue, uri);
  if (!added.ok) {
    const e = added.error;
    if (e.code === 'bad-address') return { ok: false, error: { kind: 'bad-address', detail: e.detail } };
    return { ok: false, error: { kind: 'queue-not-added', code: e.code, detail: 'detail' in e ? e.detail : e.tool } };
  }
  const old = configured(ctx, 'a4-printer');
  const row: DeviceConfig = { kind: 'a4-printer', mode: 'cups', queue, ...(old?.kind === 'a4-printer' && old.fontPath ? { fontPath: old.fontPath } : {}) };
  const saved = setDeviceRow(configFile, row);
  if (!saved.ok) return { ok: false, error: { kind: 'printer-not-saved', issue: saved.issue } };
  const why = await testPrintA4(ctx, queue, row.fontPath);
  return {
    ok: true,
    value: why === null ? { ok: true, code: 'a4-chosen', saved: true, queue, uri: added.value.uri } : { ok: false, code: 'a4-test-failed', saved: true, queue, uri: added.value.uri, why },
  };
}

/** cupsd builds a driverless queue in the background: the queue answers once it has the printer's attributes. */
async function connectWhenReady(queue: string, ms: number): Promise<CupsPrinterSession | string> {
  const until = Date.now() + ms;
  let last = 'not-found';
  while (Date.now() < until) {
    const s = await CupsPrinterSession.connect(new IppClient(), queue, { pollMs: 1000, stoppedGraceMs: 3000, jobTimeoutMs: 60_000 });
    if (s.ok) return s.value;
    last = s.error.reason;
    await new Promise((r) => setTimeout(r, 500));
  }
  return last;
}

async function testPrintA4(ctx: BackendContext, queue: string, fontPath: string | undefined): Promise<string | null> {
  const font = findCjkFont(fontPath);
  if (!font.ok) return 'no-font';
  const session = await connectWhenReady(queue, 20_000);
  if (typeof session === 'string') return session;
  try {
    const pdf = await buildA4Pdf(selfTestPage(ctx.config.terminalId), font.value);
    const r = await session.printPdf(pdf.pdf, 'test page');
    return r.ok ? null : r.error.kind;
  } finally {
    await session.close();
  }
}
