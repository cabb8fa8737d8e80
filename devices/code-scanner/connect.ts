// Opens the code scanner: serial port (by path or USB id) or HID device (by hidraw path or
// VID:PID). HID goes through libusb, which detaches the kernel's keyboard driver from the
// scanner: its "keystrokes" then reach only the kiosk, never the focused form field.
import { createRequire } from 'node:module';
import type { Offline } from '../../common/devices';
import { err, ok, type Result } from '../../common/result';
import { openSerialLink } from '../core/link';
import { parseVidPid, resolveSerialPath } from '../core/usb-lookup';
import { HidCodeScannerSession, SerialCodeScannerSession, type HidDeviceLike } from './code-scanner';

export interface CodeScannerPortConfig {
  mode: 'hid' | 'serial';
  path?: string;
  vidPid?: string;
  baudRate?: number;
}

type NodeHid = {
  HID: new (...args: unknown[]) => HidDeviceLike;
  setDriverType(t: 'hidraw' | 'libusb'): void;
  devices(): { vendorId: number; productId: number; path?: string }[];
};

let hid: NodeHid | null | undefined;
function loadHid(): NodeHid | null {
  if (hid === undefined) {
    try {
      hid = createRequire(import.meta.url)('node-hid') as NodeHid;
      hid.setDriverType('libusb');
    } catch {
      hid = null;
    }
  }
  return hid;
}

export function codeScannerConnector(cfg: CodeScannerPortConfig) {
  return async (): Promise<Result<SerialCodeScannerSession | HidCodeScannerSession, Offline>> => {
    if (cfg.mode === 'serial') {
      const where = await resolveSerialPath(cfg);
      if ('missing' in where) return err({ state: 'offline', reason: 'not-found', detail: where.missing });
      const link = await openSerialLink(where.path, cfg.baudRate ?? 9600);
      if (!link.ok) return err({ state: 'offline', reason: link.error.reason === 'not-found' ? 'not-found' : 'error', detail: link.error.detail });
      return ok(new SerialCodeScannerSession(link.value));
    }
    const lib = loadHid();
    if (!lib) return err({ state: 'offline', reason: 'unavailable', detail: 'node-hid could not be loaded' });
    try {
      let device: HidDeviceLike;
      if (cfg.vidPid) {
        const { vendorId, productId } = parseVidPid(cfg.vidPid);
        const [v, p] = [parseInt(vendorId, 16), parseInt(productId, 16)];
        if (!lib.devices().some((d) => d.vendorId === v && d.productId === p)) return err({ state: 'offline', reason: 'not-found', detail: `no HID device ${cfg.vidPid}` });
        device = new lib.HID(v, p);
      } else if (cfg.path) device = new lib.HID(cfg.path);
      else return err({ state: 'offline', reason: 'not-configured', detail: 'no HID path or VID:PID configured' });
      return ok(new HidCodeScannerSession(device));
    } catch (e) {
      return err({ state: 'offline', reason: 'error', detail: (e as Error).message });
    }
  };
}
