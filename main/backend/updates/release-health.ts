// Whether a freshly started release works, as both hosts judge it after an update: the backend
// booted (config valid, database open, keys read), answers its own API, and its device layer
// supervises every device class (a device that is unplugged is a hardware matter, not a bad
// release: only a device layer that does not answer fails). The bundle launcher gets this as the
// app's `kiosk-health` message; the Electron shell adds that the renderer loaded.
import { DEVICE_KINDS, OPTIONAL_DEVICE_KINDS } from '../../../common/devices';
import type { Result } from '../../../common/result';

export interface HealthSubject {
  fetch: (req: Request) => Response | Promise<Response>;
  ctx: { devices: { list(): readonly { device: string }[] } };
}

export async function checkReleaseHealth(backend: HealthSubject, origin: string): Promise<Result<void, string>> {
  const probe = await Promise.resolve()
    .then(() => backend.fetch(new Request(`${origin}/api/system/info`)))
    .catch(() => null);
  if (!probe) return { ok: false, error: 'api unreachable' };
  if (probe.status !== 200) return { ok: false, error: `api ${probe.status}` };
  let kinds: string[];
  try {
    kinds = backend.ctx.devices.list().map((d) => d.device);
  } catch (e) {
    return { ok: false, error: `devices: ${(e as Error).message.slice(0, 120)}` };
  }
  // an optional kind a terminal does not have is not listed (devices/manager.ts)
  const missing = DEVICE_KINDS.filter((k) => !OPTIONAL_DEVICE_KINDS.includes(k) && !kinds.includes(k));
  if (missing.length > 0) return { ok: false, error: `devices not supervised: ${missing.join(', ')}` };
  return { ok: true, value: undefined };
}
