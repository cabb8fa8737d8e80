import { describe, expect, it } from 'vitest';
import { isAllowedNavigation, isAllowedPermission, isBlockedShortcut } from './policy';

const key = (k: string, mods: Partial<{ control: boolean; shift: boolean; alt: boolean; meta: boolean }> = {}) => ({
  type: 'keyDown',
  key: k,
  control: false,
  shift: false,
  alt: false,
  meta: false,
  ...mods,
});

describe('kiosk window policy', () => {
  it('keeps navigation inside the app', () => {
    expect(isAllowedNavigation('kiosk://app/guide/123')).toBe(true);
    expect(isAllowedNavigation('https://www.baidu.com/')).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd')).toBe(false);
    expect(isAllowedNavigation('kiosk://evil/')).toBe(false);
    expect(isAllowedNavigation('not a url')).toBe(false);
  });

  it('grants only the camera, only to the app', () => {
    expect(isAllowedPermission({ permission: 'media', requestingOrigin: 'kiosk://app/', mediaTypes: ['video'] })).toBe(true);
    expect(isAllowedPermission({ permission: 'media', requestingOrigin: 'kiosk://app/', mediaTypes: ['video', 'audio'] })).toBe(false);
    expect(isAllowedPermission({ permission: 'media', requestingOrigin: 'kiosk://app/', mediaTypes: [] })).toBe(false);
    expect(isAllowedPermission({ permission: 'media', requestingOrigin: 'https://x.cn', mediaTypes: ['video'] })).toBe(false);
    for (const p of ['geolocation', 'notifications', 'clipboard-read', 'usb', 'serial', 'hid', 'display-capture', 'openExternal'])
      expect(isAllowedPermission({ permission: p, requestingOrigin: 'kiosk://app/' })).toBe(false);
  });

  it('swallows reload, devtools and close shortcuts in production only', () => {
    for (const k of [key('F5'), key('r', { control: true }), key('I', { control: true, shift: true }), key('F12'), key('F4', { alt: true }), key('w', { control: true })])
      expect(isBlockedShortcut(k, true)).toBe(true);
    expect(isBlockedShortcut(key('r', { control: true }), false)).toBe(false);
    expect(isBlockedShortcut(key('a'), true)).toBe(false);
    expect(isBlockedShortcut(key('1'), true)).toBe(false);
  });
});
