// The kiosk window's security policy as pure functions, so it is unit-tested without Electron.
// electron-main.ts only wires these into Electron's hooks.

export const APP_SCHEME = 'kiosk';
export const APP_ORIGIN = `${APP_SCHEME}://app`;
export const ATTRACT_URL = `${APP_ORIGIN}/`;

// WHATWG URL gives custom schemes an opaque ("null") origin, so compare scheme and host.
function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === 'app' && !u.username && !u.password;
  } catch {
    return false;
  }
}

/** Navigation is allowed only within the app's own origin. */
export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url);
}

export interface PermissionAsk {
  permission: string;
  requestingOrigin: string;
  /** for 'media' requests: the kinds of device asked for */
  mediaTypes?: readonly string[];
}

/**
 * Every permission is denied except the camera (document camera 高拍仪, 人证核验) and the
 * microphone (远程帮办 video calls, opened only after the citizen agreed on the consent screen)
 * for the app itself. Screen capture stays denied: staff see a structured view, never pixels.
 */
export function isAllowedPermission(ask: PermissionAsk): boolean {
  if (ask.permission !== 'media') return false;
  if (!isAppUrl(ask.requestingOrigin)) return false;
  const types = ask.mediaTypes ?? [];
  return types.length > 0 && types.every((t) => t === 'video' || t === 'audio');
}

export interface KeyInput {
  type: string;
  key: string;
  control: boolean;
  meta: boolean;
  shift: boolean;
  alt: boolean;
}

/** Reload, devtools, zoom, print and close shortcuts do nothing on a production kiosk. */
export function isBlockedShortcut(input: KeyInput, production: boolean): boolean {
  if (!production || input.type !== 'keyDown') return false;
  const key = input.key.toLowerCase();
  const mod = input.control || input.meta;
  if (['f5', 'f11', 'f12', 'browserback', 'browserforward', 'browserrefresh'].includes(key)) return true;
  if (mod && ['r', 'w', 'q', 'p', 'n', 't', 'o', 's', 'u', '+', '-', '=', '0'].includes(key)) return true;
  if (mod && input.shift && ['i', 'j', 'c'].includes(key)) return true;
  if (input.alt && ['f4', 'arrowleft', 'arrowright', 'home'].includes(key)) return true;
  return false;
}

/** How long a hung renderer gets before it is reloaded to the attract screen. */
export const HANG_GRACE_MS = 10_000;

/** The shell's own page for a terminal that cannot serve (served without the backend). */
export const OUT_OF_SERVICE_PATH = '/_shell/out-of-service';
export const OUT_OF_SERVICE_URL = `${APP_ORIGIN}${OUT_OF_SERVICE_PATH}`;

/** Whether a kiosk:// request is for the shell's out-of-service page rather than the backend. */
export function isOutOfServiceRequest(url: string): boolean {
  return isAppUrl(url) && new URL(url).pathname === OUT_OF_SERVICE_PATH;
}

/**
 * Any frame (the main one and iframes, which will-navigate does not cover) stays inside the app;
 * a sub-frame may also be the empty about:blank / about:srcdoc document.
 */
export function isAllowedFrameNavigation(url: string, isMainFrame: boolean): boolean {
  if (isAppUrl(url)) return true;
  return !isMainFrame && (url === 'about:blank' || url === 'about:srcdoc');
}

/**
 * Nothing is ever downloaded: the kiosk prints and shows documents itself, and a download would
 * write an attacker-chosen file on the terminal and may open a save dialog over the app.
 */
export function isAllowedDownload(_url: string): boolean {
  return false;
}

/**
 * WebHID / Web Serial / WebUSB choosers (session events) and Web Bluetooth's (a webContents
 * event): the page never gets a device (drivers run in the backend). Unanswered, Electron would
 * hand the page the first device it finds.
 */
export const DEVICE_CHOOSER_EVENTS = ['select-hid-device', 'select-serial-port', 'select-usb-device', 'select-bluetooth-device'] as const;
export type DeviceChooserEvent = (typeof DEVICE_CHOOSER_EVENTS)[number];

/** What the chooser's callback gets to pick "no device" (Electron: '' for a serial port or Bluetooth, nothing for HID / USB). */
export function noDeviceChoice(event: DeviceChooserEvent): string | undefined {
  return event === 'select-serial-port' || event === 'select-bluetooth-device' ? '' : undefined;
}

/** Device permissions (hid, serial, usb, bluetooth) are never granted, to any origin. */
export function isAllowedDevicePermission(_ask: { deviceType: string; origin: string }): boolean {
  return false;
}
