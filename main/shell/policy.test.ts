import { describe, expect, it } from 'vitest';
import { outOfServiceHtml, outOfServiceResponse } from './out-of-service';
import {
  DEVICE_CHOOSER_EVENTS,
  isAllowedDevicePermission,
  isAllowedDownload,
  isAllowedFrameNavigation,
  isAllowedNavigation,
  isAllowedPermission,
  isBlockedShortcut,
  isOutOfServiceRequest,
  noDeviceChoice,
} from './policy';

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

  it('grants only the camera and the microphone (video help), only to the app', () => {
    expect(isAllowedPermission({ permission: 'media', requestingOrigin: 'kiosk://app/', mediaTypes: ['video'] })).toBe(true);
    expect(isAllowedPermission({ permission: 'media', requestingOrigin: 'kiosk://app/', mediaTypes: ['video', 'audio'] })).toBe(true);
    expect(isAllowedPermission({ permission: 'media', requestingOrigin: 'https://x.cn', mediaTypes: ['audio'] })).toBe(false);
    expect(isAllowedPermission({ permission: 'media', requestingOrigin: 'kiosk://app/', mediaTypes: ['video', 'screen'] })).toBe(false);
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

  it('keeps every frame inside the app; only sub-frames may be empty about: documents', () => {
    expect(isAllowedFrameNavigation('kiosk://app/guide/1', false)).toBe(true);
    expect(isAllowedFrameNavigation('kiosk://app/', true)).toBe(true);
    expect(isAllowedFrameNavigation('about:blank', false)).toBe(true);
    expect(isAllowedFrameNavigation('about:srcdoc', false)).toBe(true);
    expect(isAllowedFrameNavigation('about:blank', true)).toBe(false);
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'data:text/html,<h1>x', 'blob:kiosk://app/1', 'kiosk://evil/', 'javascript:alert(1)'])
      expect(isAllowedFrameNavigation(url, false)).toBe(false);
  });

  it('never downloads and never hands the page a HID, serial or USB device', () => {
    for (const url of ['kiosk://app/api/progress/x.pdf', 'https://evil.example/payload.sh', 'blob:kiosk://app/1']) expect(isAllowedDownload(url)).toBe(false);
    for (const deviceType of ['hid', 'serial', 'usb', 'bluetooth']) expect(isAllowedDevicePermission({ deviceType, origin: 'kiosk://app' })).toBe(false);
    expect(DEVICE_CHOOSER_EVENTS).toEqual(['select-hid-device', 'select-serial-port', 'select-usb-device', 'select-bluetooth-device']);
    expect(DEVICE_CHOOSER_EVENTS.map(noDeviceChoice)).toEqual([undefined, '', undefined, '']);
  });

  it('serves the out-of-service page only at its own path of the app', () => {
    expect(isOutOfServiceRequest('kiosk://app/_shell/out-of-service')).toBe(true);
    expect(isOutOfServiceRequest('kiosk://app/_shell/out-of-service?x=1')).toBe(true);
    expect(isOutOfServiceRequest('kiosk://app/')).toBe(false);
    expect(isOutOfServiceRequest('kiosk://evil/_shell/out-of-service')).toBe(false);
  });
});

describe('out-of-service page', () => {
  it('says 暂停服务 first, in large text, whom to ask, and runs no script', async () => {
    const html = outOfServiceHtml({ state: 'out-of-service' });
    expect(html.indexOf('暂停服务')).toBeGreaterThan(-1);
    expect(html.indexOf('暂停服务')).toBeLessThan(html.indexOf('Out of service'));
    expect(html).toContain('大厅工作人员');
    expect(html).toContain('12345');
    expect(html).toMatch(/h1 \{ font-size: [4-9]rem/);
    expect(html).not.toMatch(/<script|<a |<form|<input|<button/i);
    const r = outOfServiceResponse({ state: 'out-of-service' }, 503);
    expect(r.status).toBe(503);
    expect(r.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(r.headers.get('cache-control')).toBe('no-store');
  });

  it('says when the terminal is starting or recovering', () => {
    expect(outOfServiceHtml({ state: 'starting' })).toContain('终端正在启动');
    expect(outOfServiceHtml({ state: 'recovering' })).toContain('终端正在恢复');
    expect(outOfServiceHtml({ state: 'out-of-service' })).not.toMatch(/正在启动|正在恢复/);
  });
});
