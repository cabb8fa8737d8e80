// The Electron binary cannot run here, so electron-main.ts runs against a fake `electron` module
// that records what the shell registers and lets the test fire Electron's events: this proves
// the wiring (every hook is installed and answers as policy.ts decides), the window that comes
// back when closed, and the restart backoff that ends on the out-of-service page.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BootError } from '../backend/boot';
import { ATTRACT_URL, OUT_OF_SERVICE_URL } from './policy';
import { RESTART_POLICY } from './restart-governor';
import { makeFakeElectron, type FakeElectron } from './test-support/fake-electron';

interface FakeEvent {
  preventDefault: ReturnType<typeof vi.fn>;
  defaultPrevented(): boolean;
}
const fakeEvent = (extra: object = {}): FakeEvent & Record<string, unknown> => {
  const preventDefault = vi.fn();
  return { preventDefault, defaultPrevented: () => preventDefault.mock.calls.length > 0, ...extra };
};

const fake = vi.hoisted(() => ({
  /** a new fake for every import of electron-main */
  state: null as unknown as FakeElectron,
  boot: null as unknown as (...args: unknown[]) => Promise<unknown>,
}));

// vi.resetModules re-imports electron-main but keeps this mock: its exports read the current fake.
vi.mock('electron', () => {
  const current = (name: string) => fake.state.module[name];
  return {
    get app() {
      return current('app');
    },
    get session() {
      return current('session');
    },
    get BrowserWindow() {
      return current('BrowserWindow');
    },
    get Menu() {
      return current('Menu');
    },
    get protocol() {
      return current('protocol');
    },
    get safeStorage() {
      return current('safeStorage');
    },
  };
});

// The metrics server is real; the figures are a stand-in registry (the fake backend has no store).
vi.mock('../backend/health/kiosk-metrics', async () => {
  const { Gauge, Registry } = await import('prom-client');
  return {
    kioskMetrics: () => {
      const registry = new Registry();
      new Gauge({ name: 'kiosk_shell_test', help: 'stand-in', registers: [registry] }).set(1);
      return registry;
    },
  };
});

vi.mock('../backend/boot', () => ({
  BootError: class BootError extends Error {},
  bootBackend: (...args: unknown[]) => fake.boot(...args),
}));

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'electron-main-'));
const listenersBefore = { uncaught: process.listeners('uncaughtException'), sigterm: process.listeners('SIGTERM') };
const fakeBackend = { fetch: () => new Response('the app'), close: async () => undefined, ctx: {}, central: null };

async function loadShell(startHistory: number[] | null = null) {
  vi.resetModules();
  fake.state = makeFakeElectron();
  const dataDir = fs.mkdtempSync(path.join(dir, 'data-'));
  process.env.KIOSK_DATA_DIR = dataDir;
  process.env.KIOSK_CONFIG = path.join(dataDir, 'none.json');
  if (startHistory) fs.writeFileSync(path.join(dataDir, 'shell-starts.json'), JSON.stringify(startHistory));
  await import('./electron-main');
  await vi.advanceTimersByTimeAsync(0);
  return { f: fake.state, dataDir };
}

const logText = (dataDir: string) =>
  fs
    .readdirSync(path.join(dataDir, 'logs'))
    .map((f) => fs.readFileSync(path.join(dataDir, 'logs', f), 'utf8'))
    .join('');

const page = async (f: typeof fake.state, url: string) => {
  const r = await f.protocolHandler!(new Request(url));
  return { status: r.status, text: await r.text() };
};

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-12-02T08:00:00Z') });
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  fake.boot = vi.fn(async () => fakeBackend);
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  for (const l of process.listeners('uncaughtException')) if (!listenersBefore.uncaught.includes(l)) process.off('uncaughtException', l);
  for (const l of process.listeners('SIGTERM')) if (!listenersBefore.sigterm.includes(l)) process.off('SIGTERM', l);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('Electron shell wiring (fake electron module)', () => {
  it('installs every window and session guard', async () => {
    const { f } = await loadShell();
    expect(fake.boot).toHaveBeenCalledTimes(1);
    const wc = f.windows[0]!.webContents;
    for (const ev of ['will-navigate', 'will-redirect', 'will-frame-navigate', 'will-attach-webview', 'select-bluetooth-device', 'before-input-event', 'render-process-gone'])
      expect(wc.listenerCount(ev), ev).toBeGreaterThan(0);
    expect(wc.windowOpenHandler).toBeTypeOf('function');
    for (const ev of ['will-download', 'select-hid-device', 'select-serial-port', 'select-usb-device']) expect(f.session.listenerCount(ev), ev).toBeGreaterThan(0);
    expect(f.session.permissionRequestHandler).toBeTypeOf('function');
    expect(f.session.permissionCheckHandler).toBeTypeOf('function');
    expect(f.session.devicePermissionHandler).toBeTypeOf('function');
  });

  it('cancels every download', async () => {
    const { f, dataDir } = await loadShell();
    const item = { getURL: () => 'kiosk://app/api/progress/doc.pdf', getMimeType: () => 'application/pdf', cancel: vi.fn() };
    const e = fakeEvent();
    f.session.emit('will-download', e, item, f.windows[0]!.webContents);
    expect(e.preventDefault).toHaveBeenCalled();
    expect(item.cancel).toHaveBeenCalled();
    expect(logText(dataDir)).toContain('"shell.download-blocked"');
  });

  it('answers the HID, serial, USB and Bluetooth device choosers with no device, and grants no device permission', async () => {
    const { f } = await loadShell();
    const wc = f.windows[0]!.webContents;
    const hid = vi.fn();
    const hidEvent = fakeEvent();
    f.session.emit('select-hid-device', hidEvent, { deviceList: [{ deviceId: 'reader' }], frame: null }, hid);
    expect(hidEvent.preventDefault).toHaveBeenCalled();
    expect(hid).toHaveBeenCalledWith();
    const serial = vi.fn();
    const serialEvent = fakeEvent();
    f.session.emit('select-serial-port', serialEvent, [{ portId: 'ttyUSB0' }], wc, serial);
    expect(serialEvent.preventDefault).toHaveBeenCalled();
    expect(serial).toHaveBeenCalledWith('');
    const usb = vi.fn();
    const usbEvent = fakeEvent();
    f.session.emit('select-usb-device', usbEvent, { deviceList: [{ deviceId: 'printer' }], frame: null }, usb);
    expect(usbEvent.preventDefault).toHaveBeenCalled();
    expect(usb).toHaveBeenCalledWith();
    const bluetooth = vi.fn();
    const bluetoothEvent = fakeEvent();
    wc.emit('select-bluetooth-device', bluetoothEvent, [{ deviceId: 'phone', deviceName: 'x' }], bluetooth);
    expect(bluetoothEvent.preventDefault).toHaveBeenCalled();
    expect(bluetooth).toHaveBeenCalledWith('');
    for (const deviceType of ['hid', 'serial', 'usb']) expect(f.session.devicePermissionHandler!({ deviceType, origin: 'kiosk://app', device: {} })).toBe(false);
    for (const permission of ['hid', 'serial', 'usb']) expect(f.session.permissionCheckHandler!(wc, permission, 'kiosk://app', {})).toBe(false);
  });

  it('keeps every frame, not only the main one, inside the app', async () => {
    const { f } = await loadShell();
    const wc = f.windows[0]!.webContents;
    const outside = fakeEvent({ url: 'https://evil.example/', isMainFrame: false });
    wc.emit('will-frame-navigate', outside);
    expect(outside.preventDefault).toHaveBeenCalled();
    const inside = fakeEvent({ url: 'kiosk://app/guide/1', isMainFrame: false });
    wc.emit('will-frame-navigate', inside);
    expect(inside.preventDefault).not.toHaveBeenCalled();
  });

  it('re-creates a closed window instead of quitting, but lets a system quit end the app', async () => {
    const { f, dataDir } = await loadShell();
    expect(f.windows[0]!.urls.at(-1)).toBe(ATTRACT_URL);
    f.windows[0]!.close();
    f.app.emit('window-all-closed');
    await vi.advanceTimersByTimeAsync(0);
    expect(f.windows).toHaveLength(2);
    expect(f.windows[1]!.urls.at(-1)).toBe(ATTRACT_URL);
    expect(f.app.quit).not.toHaveBeenCalled();
    expect(logText(dataDir)).toContain('"shell.window-closed"');

    f.app.emit('before-quit');
    f.windows[1]!.close();
    await vi.advanceTimersByTimeAsync(0);
    expect(f.windows).toHaveLength(2);
  });

  it('backs off renderer crashes exponentially and ends on the out-of-service page, then tries again later', async () => {
    const { f, dataDir } = await loadShell();
    const w = f.windows[0]!;
    const crash = () => w.webContents.emit('render-process-gone', fakeEvent(), { reason: 'crashed', exitCode: 139 });

    crash(); // first: reloaded at once
    expect(w.urls.at(-1)).toBe(ATTRACT_URL);
    const delays: number[] = [];
    for (let i = 2; i <= RESTART_POLICY.maxRestarts; i++) {
      crash();
      expect(w.urls.at(-1)).toBe(OUT_OF_SERVICE_URL);
      const shown = await page(f, OUT_OF_SERVICE_URL);
      expect(shown.text).toContain('正在恢复');
      const before = Date.now();
      while (w.urls.at(-1) !== ATTRACT_URL) await vi.advanceTimersByTimeAsync(500);
      delays.push(Date.now() - before);
    }
    expect(delays).toEqual([2000, 4000, 8000, 16000]);

    crash(); // one too many within the window
    expect(w.urls.at(-1)).toBe(OUT_OF_SERVICE_URL);
    const shown = await page(f, OUT_OF_SERVICE_URL);
    expect(shown.text).toContain('暂停服务');
    expect(shown.text).toContain('Out of service');
    expect(shown.text).toContain('12345');
    expect(shown.text).not.toContain('正在恢复');
    expect(shown.text.indexOf('暂停服务')).toBeLessThan(shown.text.indexOf('Out of service'));
    expect(logText(dataDir)).toContain('"shell.out-of-service"');
    await vi.advanceTimersByTimeAsync(RESTART_POLICY.outOfServiceRetryMs - 1000);
    expect(w.urls.at(-1)).toBe(OUT_OF_SERVICE_URL);
    await vi.advanceTimersByTimeAsync(1000);
    expect(w.urls.at(-1)).toBe(ATTRACT_URL);
    expect(f.app.exit).not.toHaveBeenCalled();
  });

  it('a hung renderer is crashed once and recovered by the crash handler (one failure, not two)', async () => {
    const { f } = await loadShell();
    const w = f.windows[0]!;
    w.webContents.forcefullyCrashRenderer = vi.fn(() => w.webContents.emit('render-process-gone', fakeEvent(), { reason: 'killed', exitCode: 9 }));
    w.emit('unresponsive');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(w.webContents.forcefullyCrashRenderer).toHaveBeenCalledTimes(1);
    expect(w.urls.at(-1)).toBe(ATTRACT_URL);
    // the next crash is only the second failure: a 2 s backoff, not 4 s
    w.webContents.emit('render-process-gone', fakeEvent(), { reason: 'crashed', exitCode: 139 });
    await vi.advanceTimersByTimeAsync(2000);
    expect(w.urls.at(-1)).toBe(ATTRACT_URL);
  });

  it('a config error ends the process with exit 78 and the field-by-field message on stderr', async () => {
    fake.boot = vi.fn(async () => {
      throw new BootError('配置文件有误，终端拒绝启动 / invalid config, refusing to start: x\n  - centralUrl: …');
    });
    const { f } = await loadShell();
    expect(f.app.exit).toHaveBeenCalledWith(78);
    expect(process.stderr.write).toHaveBeenCalledWith(expect.stringContaining('  - centralUrl:'));
    // the windows app.exit closes on its way out are not re-created
    f.windows[0]!.close();
    expect(f.windows).toHaveLength(1);
  });

  it('a restart storm of the process (start history) waits, and past the limit shows out of service without starting the backend', async () => {
    const now = Date.now();
    const { f: second } = await loadShell([now - 60_000]);
    expect(fake.boot).not.toHaveBeenCalled();
    expect(second.windows[0]!.urls.at(-1)).toBe(OUT_OF_SERVICE_URL);
    expect((await page(second, 'kiosk://app/')).status).toBe(503);
    await vi.advanceTimersByTimeAsync(RESTART_POLICY.baseMs);
    expect(fake.boot).toHaveBeenCalledTimes(1);
    expect(second.windows[0]!.urls.at(-1)).toBe(ATTRACT_URL);

    fake.boot = vi.fn(async () => fakeBackend);
    const storm = Array.from({ length: RESTART_POLICY.maxRestarts }, (_, i) => Date.now() - 1000 * (i + 1));
    const { f, dataDir } = await loadShell(storm);
    await vi.advanceTimersByTimeAsync(RESTART_POLICY.capMs);
    expect(fake.boot).not.toHaveBeenCalled();
    expect(f.windows[0]!.urls.at(-1)).toBe(OUT_OF_SERVICE_URL);
    expect((await page(f, OUT_OF_SERVICE_URL)).text).toContain('暂停服务');
    expect(logText(dataDir)).toContain('"shell.out-of-service"');
    await vi.advanceTimersByTimeAsync(RESTART_POLICY.outOfServiceRetryMs);
    expect(fake.boot).toHaveBeenCalledTimes(1);
  });

  it('serves the terminal own metrics on 127.0.0.1 when given --metrics-port / KIOSK_METRICS_PORT, and closes them at quit', async () => {
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    process.env.KIOSK_METRICS_PORT = String(port);
    try {
      // real timers: the metrics server and fetch run on the real event loop
      vi.useRealTimers();
      vi.useFakeTimers({ now: Date.now(), toFake: ['Date'] });
      const { f } = await loadShell();
      const text = await vi.waitFor(async () => {
        const r = await fetch(`http://127.0.0.1:${port}/metrics`);
        expect(r.status).toBe(200);
        return r.text();
      });
      expect(text).toContain('kiosk_shell_test 1');
      f.app.emit('before-quit');
      await vi.waitFor(() => expect(fetch(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow());
      await expect(fetch(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow();
    } finally {
      delete process.env.KIOSK_METRICS_PORT;
    }
  });
});
