// Opens an ID-card reader that is a USB HID device, by VID:PID, and runs the SAM driver on it
// through a HidLink. node-hid is loaded lazily; tests and the simulator pass their own binding
// (the same shape), which is how the test double plugs in below the native module.
import { createRequire } from 'node:module';
import type { Offline } from '../../../common/devices';
import { err, type Result } from '../../../common/result';
import { parseVidPid } from '../../core/usb-lookup';
import { startReaderSession, type ReaderSessionOptions } from '../connect';
import type { PhotoDecoder } from '../photo-decoder';
import type { IdCardReaderSession } from '../reader';
import { HID_PROFILES, type HidProfileName } from './hid-profiles';
import { HidLink, type HidReaderDevice } from './hid-link';

export interface HidDeviceInfo {
  vendorId: number;
  productId: number;
  path?: string;
  product?: string;
}

/** What the connector needs of node-hid: list devices, open one by its path. */
export interface HidBinding {
  devices(): Promise<HidDeviceInfo[]>;
  open(path: string): Promise<HidReaderDevice>;
}

type NodeHid = {
  devicesAsync(): Promise<HidDeviceInfo[]>;
  HIDAsync: { open(path: string): Promise<HidReaderDevice> };
};

let nodeHid: NodeHid | null | undefined;
/** node-hid's HIDAsync (reads and writes off the event loop), or null when it cannot load. */
export function nodeHidBinding(): HidBinding | null {
  if (nodeHid === undefined) {
    try {
      nodeHid = createRequire(import.meta.url)('node-hid') as NodeHid;
    } catch {
      nodeHid = null;
    }
  }
  const lib = nodeHid;
  return lib ? { devices: () => lib.devicesAsync(), open: (p) => lib.HIDAsync.open(p) } : null;
}

export interface HidReaderConfig extends ReaderSessionOptions {
  vidPid?: string;
  profile: HidProfileName;
}

export function hidIdCardReaderConnector(cfg: HidReaderConfig, photoDecoder: PhotoDecoder, binding: HidBinding | null = nodeHidBinding()) {
  return async (): Promise<Result<IdCardReaderSession, Offline>> => {
    if (!binding) return err({ state: 'offline', reason: 'unavailable', detail: 'node-hid could not be loaded' });
    if (!cfg.vidPid) return err({ state: 'offline', reason: 'not-configured', detail: 'no HID VID:PID configured' });
    const { vendorId, productId } = parseVidPid(cfg.vidPid);
    const [v, p] = [parseInt(vendorId, 16), parseInt(productId, 16)];
    let found: HidDeviceInfo | undefined;
    try {
      found = (await binding.devices()).find((d) => d.vendorId === v && d.productId === p && d.path);
    } catch (e) {
      return err({ state: 'offline', reason: 'error', detail: (e as Error).message });
    }
    if (!found?.path) return err({ state: 'offline', reason: 'not-found', detail: `no HID device ${cfg.vidPid}` });
    let device: HidReaderDevice;
    try {
      device = await binding.open(found.path);
    } catch (e) {
      // EACCES without the udev rule, or the device went between the listing and the open
      return err({ state: 'offline', reason: 'error', detail: `${cfg.vidPid}: ${(e as Error).message}` });
    }
    return startReaderSession(new HidLink(device, HID_PROFILES[cfg.profile], `hid:${cfg.vidPid}/${cfg.profile}`), cfg, photoDecoder);
  };
}
