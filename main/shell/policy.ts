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

/** Every permission is denied except the camera (document camera 高拍仪) for the app itself. */
export function isAllowedPermission(ask: PermissionAsk): boolean {
  if (ask.permission !== 'media') return false;
  if (!isAppUrl(ask.requestingOrigin)) return false;
  const types = ask.mediaTypes ?? [];
  return types.length > 0 && types.every((t) => t === 'video');
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
