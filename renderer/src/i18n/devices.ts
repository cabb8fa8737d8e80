// The words for devices: their names and statuses (the table lives in common/device-words.ts
// because central's fleet page shows the same sentences and may not import the renderer) and the
// codes a device operation fails with (print, scan, self-test), which only the kiosk's screens
// show. The backend sends the status union and error codes with their parameters; the screens
// read them through this module. Chinese first, English second.
import type { DeviceKind, DeviceLimitation } from '../../../common/devices';
import { bilingual, deviceNameWords, deviceStatusLine, type StatusParams } from '../../../common/device-words';

/** "凭条打印机 / receipt printer" */
export function deviceNameText(kind: DeviceKind): string {
  return bilingual(deviceNameWords(kind));
}

/** What a device is doing, for the maintenance screen, the identify step and the simulator panel. */
export function deviceStatusText(view: { device: DeviceKind; status: StatusParams; limitation?: DeviceLimitation }): string {
  return deviceStatusLine(view.device, view.status, view.limitation);
}
