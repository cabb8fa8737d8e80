// Finds attached receipt printers for the technician: serial / USB-CDC ports (SerialPort.list(),
// which reads udev's database on Linux) and USB printer-class devices (/dev/usb/lpN, whose USB id
// sysfs gives), each matched against the table of common models. Only matches are offered;
// everything else attached is the CLI's `list`.
import fs from 'node:fs';
import path from 'node:path';
import { SerialPort } from 'serialport';
import { matchReceiptModel, type ModelMatch } from './receipt-models';

export interface UsbPort {
  path: string;
  vendorId?: string;
  productId?: string;
  manufacturer?: string;
}

export interface DiscoveredReceiptPrinter {
  /** how the driver opens it: `serial` for USB-CDC / serial ports, `usb-lp` for /dev/usb/lpN */
  mode: 'serial' | 'usb-lp';
  path: string;
  vidPid: string;
  maker: string;
  model: string;
  certainty: ModelMatch['certainty'];
  source: string;
  /** a simulator's printer, offered in simulator mode only */
  simulated?: true;
}

export interface ReceiptPortSources {
  serial(): Promise<UsbPort[]>;
  usbLp(): Promise<UsbPort[]>;
}

/** /dev/usb/lpN with the USB id of the device its interface belongs to (sysfs). */
export async function usbLpPorts(sysClass = '/sys/class/usbmisc', devDir = '/dev/usb'): Promise<UsbPort[]> {
  let names: string[];
  try {
    names = fs.readdirSync(sysClass).filter((n) => /^lp\d+$/.test(n));
  } catch {
    return [];
  }
  const read = (f: string) => {
    try {
      return fs.readFileSync(f, 'utf8').trim();
    } catch {
      return undefined;
    }
  };
  return names.map((n) => {
    // …/usbmisc/lp0/device links to the USB interface; the directory above it is the device
    // (resolved first: a lexical '..' would only undo 'device')
    let usbDevice = '';
    try {
      usbDevice = path.dirname(fs.realpathSync(path.join(sysClass, n, 'device')));
    } catch {
      return { path: path.join(devDir, n) };
    }
    return {
      path: path.join(devDir, n),
      vendorId: read(path.join(usbDevice, 'idVendor')),
      productId: read(path.join(usbDevice, 'idProduct')),
      manufacturer: read(path.join(usbDevice, 'manufacturer')),
    };
  });
}

export const systemReceiptPorts: ReceiptPortSources = {
  serial: () => SerialPort.list().catch(() => []),
  usbLp: () => usbLpPorts(),
};

function matched(mode: DiscoveredReceiptPrinter['mode'], p: UsbPort): DiscoveredReceiptPrinter | null {
  if (!p.vendorId || !p.productId) return null;
  const m = matchReceiptModel(p.vendorId, p.productId);
  if (!m) return null;
  return {
    mode,
    path: p.path,
    vidPid: `${m.model.vendorId}:${p.productId.toLowerCase().padStart(4, '0')}`,
    maker: m.model.maker,
    model: m.model.model,
    certainty: m.certainty,
    source: m.model.source,
  };
}

/** Attached ports whose USB id is a known receipt printer, exact models first. */
export async function discoverReceiptPrinters(sources: ReceiptPortSources = systemReceiptPorts): Promise<DiscoveredReceiptPrinter[]> {
  const [serial, lp] = await Promise.all([sources.serial().catch(() => []), sources.usbLp().catch(() => [])]);
  const order = { product: 0, vendor: 1, bridge: 2 } as const;
  return [...serial.map((p) => matched('serial', p)), ...lp.map((p) => matched('usb-lp', p))]
    .filter((p): p is DiscoveredReceiptPrinter => p !== null)
    .sort((a, b) => order[a.certainty] - order[b.certainty] || a.path.localeCompare(b.path));
}
