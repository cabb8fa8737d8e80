// Keeps one device open: opens it, watches for it to go away (I/O error, hangup, failed probe),
// and reopens it when it comes back — retrying every retryMs, so a replugged device is in use
// again well within 2 s. Publishes one status view per real change and logs it once.
import { healthOf, type Consumables, type DeviceKind, type DeviceLimitation, type DeviceStatusMap, type DeviceStatusView, type Offline } from '../../common/devices';
import type { Result } from '../../common/result';
import { Emitter } from '../core/emitter';
import type { DeviceLogger } from '../core/log';
import type { DeviceSession } from '../core/session';

export interface SupervisorOptions<K extends DeviceKind, D extends DeviceSession<DeviceStatusMap[K]>> {
  kind: K;
  mode: string;
  connect: () => Promise<Result<D, Offline>>;
  logger: DeviceLogger;
  /** pause between attempts to open an absent device */
  retryMs?: number;
  consumables?: (status: DeviceStatusMap[K]) => Consumables | null;
  /** wire a freshly opened session's own events (card reads, scans) */
  onSession?: (session: D) => void;
  /** A standing limitation of a working device (an ID reader without a photo decoder): its health is then degraded rather than ok. */
  limitation?: DeviceLimitation | null;
}

export class DeviceSupervisor<K extends DeviceKind, D extends DeviceSession<DeviceStatusMap[K]>> {
  readonly events = new Emitter<{ view: DeviceStatusView; opened: D }>();
  private current: D | null = null;
  private status: DeviceStatusMap[K];
  private since = new Date();
  private lastView: DeviceStatusView;
  private lastLogged = '';
  private stopped = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private firstAttempt: Promise<void>;
  private settleFirst!: () => void;
  private readonly retryMs: number;

  constructor(private readonly opts: SupervisorOptions<K, D>) {
    this.retryMs = opts.retryMs ?? 500;
    this.status = { state: 'offline', reason: 'not-found', detail: 'not opened yet' } as DeviceStatusMap[K];
    this.lastView = this.buildView();
    this.firstAttempt = new Promise((r) => (this.settleFirst = r));
  }

  get kind(): K {
    return this.opts.kind;
  }

  get session(): D | null {
    return this.current;
  }

  view(): DeviceStatusView {
    return this.lastView;
  }

  start(): void {
    if (!this.loop) this.loop = this.openLoop();
  }

  /** Resolves once the first attempt to open has finished, either way. */
  settled(): Promise<void> {
    return this.firstAttempt;
  }

  /** Re-evaluate the view (consumables changed outside a status change). */
  refresh(): void {
    this.publish();
  }

  /** Try to open now instead of waiting out the retry pause (after a simulated replug). */
  poke(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    // an open attempt in flight (a slow scanimage -L, a serial handshake) is not waited out forever
    await Promise.race([this.loop?.catch(() => undefined), new Promise((r) => setTimeout(r, 3000).unref())]);
    const s = this.current;
    this.current = null;
    await s?.close().catch(() => undefined);
  }

  private async openLoop(): Promise<void> {
    while (!this.stopped) {
      if (!this.current) {
        let r: Result<D, Offline>;
        try {
          r = await this.opts.connect();
        } catch (e) {
          r = { ok: false, error: { state: 'offline', reason: 'error', detail: (e as Error).message } };
        }
        if (this.stopped) {
          if (r.ok) await r.value.close().catch(() => undefined);
          break;
        }
        if (r.ok) this.attach(r.value);
        else if (!(r.error.reason === 'not-found' && (this.status as Offline).reason === 'unplugged')) this.setStatus(r.error as DeviceStatusMap[K]);
        // (a device that was unplugged and is still absent stays "unplugged": more useful than "not found")
        this.settleFirst();
      }
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        // While open there is nothing to do until the session reports it is lost.
        if (!this.current) this.retryTimer = setTimeout(resolve, this.retryMs);
      });
      if (this.retryTimer) clearTimeout(this.retryTimer);
      this.retryTimer = null;
      this.wake = null;
    }
  }

  private attach(session: D): void {
    this.current = session;
    session.onStatus((s) => {
      if (this.current === session) this.setStatus(s);
    });
    session.onLost((why) => {
      if (this.current !== session) return;
      this.current = null;
      this.setStatus(why as DeviceStatusMap[K]);
      void session.close().catch(() => undefined);
      this.wake?.();
    });
    this.setStatus(session.status);
    this.opts.onSession?.(session);
    this.events.emit('opened', session);
  }

  private setStatus(s: DeviceStatusMap[K]): void {
    if (JSON.stringify(s) !== JSON.stringify(this.status)) {
      this.status = s;
      this.since = new Date();
    }
    this.publish();
  }

  private buildView(): DeviceStatusView {
    const consumables = this.opts.consumables?.(this.status) ?? null;
    const health = healthOf(this.status, consumables);
    const limited = health === 'ok' && !!this.opts.limitation;
    return {
      device: this.opts.kind,
      mode: this.opts.mode,
      health: limited ? 'degraded' : health,
      ...(limited ? { limitation: this.opts.limitation } : {}),
      status: this.status,
      since: this.since.toISOString(),
      consumables,
    } as DeviceStatusView;
  }

  private publish(): void {
    const view = this.buildView();
    const key = (v: DeviceStatusView) => JSON.stringify([v.health, v.status, v.consumables]);
    if (key(view) === key(this.lastView) && this.lastLogged) return;
    this.lastView = view;
    this.events.emit('view', view);
    // Log health and state changes once; "printing" ↔ "ready" and card reads are not news.
    const s = view.status as { state: string; reason?: string };
    const logKey = JSON.stringify([view.health, s.state === 'printing' || s.state === 'reading' || s.state === 'card-held' || s.state === 'scanning' ? 'ready' : s.state, s.reason, view.consumables]);
    if (logKey !== this.lastLogged) {
      this.lastLogged = logKey;
      const event = view.health === 'ok' ? 'device.ok' : view.health === 'degraded' ? 'device.degraded' : 'device.offline';
      this.opts.logger.log(event, {
        device: view.device,
        mode: view.mode,
        state: s.state,
        reason: s.reason,
        detail: (view.status as { detail?: string }).detail,
        consumables: view.consumables ?? undefined,
      });
    }
  }
}
