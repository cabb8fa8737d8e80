// A stand-in for the `electron` module, for electron-main.test.ts: records what the shell
// registers (protocol handler, session handlers, listeners) and lets the test fire Electron's
// events on the app, the session, windows and their webContents.
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

type Handler = (...args: never[]) => unknown;

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: Handler | null = null;
  forcefullyCrashRenderer = vi.fn();
  setWindowOpenHandler(h: Handler) {
    this.windowOpenHandler = h;
  }
}

export function makeFakeElectron() {
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    quit: vi.fn(),
    exit: vi.fn(),
    relaunch: vi.fn(),
    getAppPath: () => '/opt/kiosk',
    getVersion: (): string => '0.0.0-test',
  });
  const session = Object.assign(new EventEmitter(), {
    permissionRequestHandler: null as Handler | null,
    permissionCheckHandler: null as ((...a: unknown[]) => boolean) | null,
    devicePermissionHandler: null as ((details: { deviceType: string; origin: string; device: object }) => boolean) | null,
    setPermissionRequestHandler(h: Handler) {
      this.permissionRequestHandler = h;
    },
    setPermissionCheckHandler(h: (...a: unknown[]) => boolean) {
      this.permissionCheckHandler = h;
    },
    setDevicePermissionHandler(h: (details: { deviceType: string; origin: string; device: object }) => boolean) {
      this.devicePermissionHandler = h;
    },
  });
  const windows: FakeBrowserWindow[] = [];
  const state = {
    app,
    session,
    windows,
    protocolHandler: null as ((req: Request) => Response | Promise<Response>) | null,
    module: null as unknown as Record<string, unknown>,
  };

  class FakeBrowserWindow extends EventEmitter {
    readonly webContents = new FakeWebContents();
    readonly urls: string[] = [];
    private destroyed = false;
    constructor(readonly options: object) {
      super();
      windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    loadURL(url: string) {
      this.urls.push(url);
      return Promise.resolve();
    }
    isDestroyed() {
      return this.destroyed;
    }
    show() {}
    focus() {}
    close() {
      this.destroyed = true;
      this.emit('closed');
    }
  }

  state.module = {
    app,
    session: { defaultSession: session },
    BrowserWindow: FakeBrowserWindow,
    Menu: { setApplicationMenu: vi.fn() },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(),
      handle: (_scheme: string, h: (req: Request) => Response | Promise<Response>) => {
        state.protocolHandler = h;
      },
    },
    safeStorage: { isEncryptionAvailable: () => false },
  };
  return state;
}

export type FakeElectron = ReturnType<typeof makeFakeElectron>;
