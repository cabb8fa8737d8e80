// Spoken guidance through the system's speech service (speech-dispatcher with the espeak-ng
// module), not the browser's voice: Chromium on a terminal usually has none. One connection,
// reopened while the service is away; a missing or dead service is a status the technician
// reads and the citizen's screen hides its speech controls for — never an exception.
import type { Result } from '../../common/result';
import { err, ok } from '../../common/result';
import type { DeviceLogger } from '../core/log';
import { type SsipConnection, SsipConnection as Ssip, type SsipEvent } from './ssip-connection';

export type SpeechLang = 'zh-CN' | 'en';

export type SpeechUnavailableReason = 'no-service' | 'no-voice' | 'error';

export type SpeechStatus = { state: 'ready'; modules: string[] } | { state: 'unavailable'; reason: SpeechUnavailableReason; detail: string };

/** Speech is unavailable now, and why (the status's reason; the screens hide their speech controls). */
export type SpeechError = { kind: 'unavailable'; reason: SpeechUnavailableReason };

/** SSIP's language codes for the kiosk's two languages (espeak-ng: cmn for zh, en-us for en). */
const SSIP_LANGUAGE: Record<SpeechLang, string> = { 'zh-CN': 'zh', en: 'en' };

/**
 * Where speech-dispatcher listens: the configured path, else `SPEECHD_ADDRESS` (`unix_socket:PATH`,
 * as spd-say reads it), else its per-user default under `XDG_RUNTIME_DIR`.
 */
export function speechSocketPath(configured: string | null, env: NodeJS.ProcessEnv = process.env): string {
  if (configured) return configured;
  const address = env.SPEECHD_ADDRESS;
  if (address?.startsWith('unix_socket:')) return address.slice('unix_socket:'.length);
  const runtime = env.XDG_RUNTIME_DIR ?? `/run/user/${process.getuid?.() ?? 0}`;
  return `${runtime}/speech-dispatcher/speechd.sock`;
}

export interface SpeechServiceOptions {
  socketPath: string;
  logger: DeviceLogger;
  /** how often an absent service is looked for again */
  retryMs?: number;
}

export class SpeechService {
  private connection: SsipConnection | null = null;
  private current: SpeechStatus = { state: 'unavailable', reason: 'no-service', detail: 'not connected yet' };
  private connecting: Promise<void> | null = null;
  /** SSIP commands of one utterance must not interleave with another's (SPEAK is two-phase). */
  private queue: Promise<unknown> = Promise.resolve();
  private retry: NodeJS.Timeout | null = null;
  private closed = false;
  /** the first status is always logged, even when it is the same "no service" it started as */
  private reported = false;
  private readonly beginListeners: Array<(messageId: string) => void> = [];

  constructor(private readonly opts: SpeechServiceOptions) {}

  /** Looks for the service now and, while it is away, every `retryMs`; never holds up boot. */
  start(): void {
    void this.connect();
    this.retry = setInterval(() => {
      if (!this.connection?.isOpen) void this.connect();
    }, this.opts.retryMs ?? 15_000);
    this.retry.unref();
  }

  status(): SpeechStatus {
    return this.current;
  }

  /** Called with the message id when the service starts sounding a message (SSIP's BEGIN event). */
  onBegin(listener: (messageId: string) => void): () => void {
    this.beginListeners.push(listener);
    return () => void this.beginListeners.splice(this.beginListeners.indexOf(listener), 1);
  }

  /**
   * Says `text` in `lang` at `volume` (0–100), cutting short whatever this kiosk was saying, so
   * the terminal never talks over itself. Resolves once the service queued it, with its id.
   */
  say(input: { text: string; lang: SpeechLang; volume: number }): Promise<Result<{ messageId: string }, SpeechError>> {
    return this.serial(async (c) => {
      await this.expect(c, 'CANCEL SELF');
      await this.expect(c, `SET SELF LANGUAGE ${SSIP_LANGUAGE[input.lang]}`);
      // SSIP's volume runs from -100 to 100; the kiosk's from 0 (silent) to 100.
      await this.expect(c, `SET SELF VOLUME ${Math.round(Math.max(0, Math.min(100, input.volume)) * 2 - 100)}`);
      return { messageId: await c.speak(input.text) };
    });
  }

  /** Stops what this kiosk is saying (the citizen turned speech off, or left). */
  stop(): Promise<Result<null, SpeechError>> {
    return this.serial(async (c) => {
      await this.expect(c, 'CANCEL SELF');
      return null;
    });
  }

  close(): void {
    this.closed = true;
    if (this.retry) clearInterval(this.retry);
    this.connection?.close();
    this.connection = null;
  }

  private async serial<T>(work: (c: SsipConnection) => Promise<T>): Promise<Result<T, SpeechError>> {
    const run = this.queue.then(async (): Promise<Result<T, SpeechError>> => {
      if (!this.connection?.isOpen) await this.connect();
      const c = this.connection;
      if (!c?.isOpen || this.current.state !== 'ready') return err({ kind: 'unavailable', reason: this.current.state === 'ready' ? 'error' : this.current.reason });
      try {
        return ok(await work(c));
      } catch (e) {
        this.setStatus({ state: 'unavailable', reason: 'error', detail: e instanceof Error ? e.message : String(e) });
        c.close();
        return err({ kind: 'unavailable', reason: 'error' });
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async expect(c: SsipConnection, line: string): Promise<void> {
    const r = await c.command(line);
    if (r.code >= 300) throw new Error(`${line.split(' ').slice(0, 3).join(' ')} refused: ${r.code} ${r.text}`);
  }

  private connect(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.connecting ??= this.open().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async open(): Promise<void> {
    let c: SsipConnection;
    try {
      c = await Ssip.open(this.opts.socketPath);
    } catch (e) {
      this.setStatus({ state: 'unavailable', reason: 'no-service', detail: e instanceof Error ? e.message : String(e) });
      return;
    }
    try {
      await this.expect(c, 'SET SELF CLIENT_NAME kiosk:gov-kiosk:prompts');
      const modules = await c.command('LIST OUTPUT_MODULES');
      // speech-dispatcher lists no module when none could start (no espeak-ng module installed).
      if (modules.code >= 300 || modules.lines.length === 0) {
        c.close();
        this.setStatus({ state: 'unavailable', reason: 'no-voice', detail: `${modules.code} ${modules.text}` });
        return;
      }
      await this.expect(c, 'SET SELF NOTIFICATION BEGIN on');
      c.onEvent((e: SsipEvent) => {
        if (e.kind === 'begin') for (const l of this.beginListeners) l(e.messageId);
      });
      c.onClose((why) => {
        if (this.connection === c) this.connection = null;
        if (!this.closed) this.setStatus({ state: 'unavailable', reason: 'no-service', detail: why });
      });
      if (this.closed) return c.close();
      this.connection = c;
      this.setStatus({ state: 'ready', modules: modules.lines });
    } catch (e) {
      c.close();
      this.setStatus({ state: 'unavailable', reason: 'error', detail: e instanceof Error ? e.message : String(e) });
    }
  }

  private setStatus(next: SpeechStatus): void {
    const before = this.current;
    this.current = next;
    const first = !this.reported;
    this.reported = true;
    // Logged once per change between ready and unavailable, not per retry (a dying service is
    // first a closed connection, then refusals: one outage, one line).
    if (!first && before.state === next.state) return;
    if (next.state === 'ready') this.opts.logger.log('speech.ready', { socket: this.opts.socketPath, modules: next.modules });
    else this.opts.logger.log('speech.unavailable', { socket: this.opts.socketPath, reason: next.reason, detail: next.detail });
  }
}
