// Finds a device by USB vendor:product id, for terminals where the port name changes between
// boots (/dev/ttyACM0 one day, /dev/ttyACM1 the next).
import { SerialPort } from 'serialport';

export function parseVidPid(vidPid: string): { vendorId: string; productId: string } {
  const [vendorId = '', productId = ''] = vidPid.toLowerCase().split(':');
  return { vendorId, productId };
}

export async function serialPathForVidPid(vidPid: string): Promise<string | null> {
  const want = parseVidPid(vidPid);
  try {
    const ports = await SerialPort.list();
    const hit = ports.find((p) => p.vendorId?.toLowerCase() === want.vendorId && p.productId?.toLowerCase() === want.productId);
    return hit?.path ?? null;
  } catch {
    return null;
  }
}

/** Serial path configured directly, or found by VID:PID; explains which was missing. */
export async function resolveSerialPath(cfg: { path?: string; vidPid?: string }): Promise<{ path: string } | { missing: string }> {
  if (cfg.path) return { path: cfg.path };
  if (cfg.vidPid) {
    const p = await serialPathForVidPid(cfg.vidPid);
    return p ? { path: p } : { missing: `no serial device with USB id ${cfg.vidPid}` };
  }
  return { missing: 'no port path or VID:PID configured' };
}
