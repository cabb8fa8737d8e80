// The last problem each device reported, for the diagnostics screen: the live status says what
// is wrong now, this says what went wrong last (a paper-out that was fixed an hour ago).
import type { AnyDeviceStatus, DeviceKind, DeviceStatusView } from '../../../common/devices';
import type { EventBus } from '../event-bus';

export interface DeviceError {
  health: 'degraded' | 'offline';
  /** the status it was in (the screen words it, renderer/src/i18n/devices.ts) */
  status: AnyDeviceStatus;
  at: string;
}

export class DeviceErrorLog {
  private readonly last = new Map<DeviceKind, DeviceError>();
  private readonly stop: () => void;

  constructor(bus: EventBus, initial: DeviceStatusView[]) {
    for (const v of initial) this.note(v);
    this.stop = bus.subscribe((e) => {
      if (e.type === 'device.status') this.note(e.view);
    });
  }

  private note(v: DeviceStatusView): void {
    if (v.health === 'ok') return;
    // The supervisor's placeholder before its first attempt to open is not a fault.
    if (v.status.state === 'offline' && v.status.detail.includes('not opened yet')) return;
    this.last.set(v.device, { health: v.health, status: v.status, at: v.since });
  }

  get(kind: DeviceKind): DeviceError | null {
    return this.last.get(kind) ?? null;
  }

  close(): void {
    this.stop();
  }
}
