// Calls into a vendor's native library (koffi) on a worker thread, one call at a time, each
// with a deadline. A vendor SDK that hangs inside a call then blocks only that thread: the
// kiosk keeps serving, the caller gets a `timeout`, and every later call is refused as `busy`
// (naming the call that is stuck and since when) until the stuck one returns. Native code
// cannot be interrupted, so a stuck thread is never reused for a second call in parallel:
// vendor libraries are not thread-safe.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { err, ok, type Result } from '../../common/result';

/** One library: its path and the functions to bind, as C prototypes koffi parses. */
export interface FfiLibrarySpec {
  path: string;
  functions: Record<string, string>;
}

/**
 * A number; a NULL pointer; an input buffer (copied in); an output buffer of that many zeroed
 * bytes (returned); or an in/out buffer (copied in, returned), into which the worker may write the
 * addresses of C strings it holds for the call (a struct that points at a name, e.g. PC/SC's
 * SCARD_READERSTATE: a pointer cannot cross the thread boundary, the text can).
 */
export type FfiArg = number | null | { in: Uint8Array } | { out: number } | { inout: Uint8Array; cstrings?: { at: number; text: Uint8Array }[] };

export interface FfiReturn {
  value: number;
  /** the output and in/out buffers, in argument order */
  out: Uint8Array[];
}

export type FfiError = { kind: 'timeout' | 'busy' | 'failed' | 'closed'; detail: string };

// Plain JS (no imports to bundle, no transpiler helpers): runs as an eval'd worker in dev, tests
// and the production bundle alike. koffi is required by the absolute path the parent resolved.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const koffi = require(workerData.koffiPath);
const fns = Object.create(null);
try {
  for (const [key, spec] of Object.entries(workerData.libs)) {
    const lib = koffi.load(spec.path);
    fns[key] = Object.create(null);
    for (const [name, proto] of Object.entries(spec.functions)) fns[key][name] = lib.func(proto);
  }
  parentPort.postMessage({ type: 'ready' });
} catch (e) {
  parentPort.postMessage({ type: 'load-failed', detail: String((e && e.message) || e) });
}
parentPort.on('message', (m) => {
  const f = fns[m.lib] && fns[m.lib][m.fn];
  if (!f) return parentPort.postMessage({ id: m.id, error: 'no function ' + m.lib + '.' + m.fn });
  const out = [];
  const held = [];
  const ptrBytes = koffi.sizeof('void *');
  const args = m.args.map((a) => {
    if (typeof a === 'number' || a === null) return a;
    if (a.out !== undefined) {
      const b = Buffer.alloc(a.out);
      out.push(b);
      return b;
    }
    if (a.inout !== undefined) {
      const b = Buffer.from(a.inout);
      for (const c of a.cstrings || []) {
        const text = Buffer.concat([Buffer.from(c.text), Buffer.alloc(1)]);
        held.push(text);
        const addr = koffi.address(text);
        if (ptrBytes === 8) b.writeBigUInt64LE(BigInt(addr), c.at);
        else b.writeUInt32LE(Number(addr), c.at);
      }
      out.push(b);
      return b;
    }
    return Buffer.from(a.in);
  });
  try {
    const value = f(...args);
    parentPort.postMessage({ id: m.id, value: Number(value), out });
  } catch (e) {
    parentPort.postMessage({ id: m.id, error: String((e && e.message) || e) });
  }
});
`;

type Reply = { id: number; value?: number; out?: Uint8Array[]; error?: string };

export class FfiWorker {
  private nextId = 1;
  private pending: { id: number; fn: string; since: number; settle: (r: Result<FfiReturn, FfiError>) => void } | null = null;
  /** the call that outlived its deadline and has not returned yet */
  private stuck: { id: number; fn: string; since: number } | null = null;
  private dead: string | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  /** resolves once the thread has really ended (a stuck native call delays it) */
  readonly exited: Promise<void>;

  private constructor(private readonly worker: Worker) {
    this.exited = new Promise((resolve) => worker.once('exit', () => resolve()));
    worker.on('message', (m: Reply) => this.onReply(m));
    worker.on('error', (e) => this.die(e.message));
    worker.on('exit', (code) => {
      // the thread can only end once a stuck native call has returned
      this.stuck = null;
      this.die(`worker exited (${code})`);
    });
  }

  /** Loads the libraries on a new thread; fails (with why) when a library or symbol is missing. */
  static start(libs: Record<string, FfiLibrarySpec>, loadTimeoutMs = 10_000): Promise<Result<FfiWorker, string>> {
    let koffiPath: string;
    try {
      koffiPath = createRequire(import.meta.url).resolve('koffi');
    } catch (e) {
      return Promise.resolve(err(`koffi could not be loaded: ${(e as Error).message}`));
    }
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { koffiPath, libs } });
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        void worker.terminate();
        resolve(err(`loading the library took over ${loadTimeoutMs} ms`));
      }, loadTimeoutMs);
      const first = (m: { type?: string; detail?: string }) => {
        clearTimeout(timer);
        worker.off('error', failed);
        if (m.type === 'ready') return resolve(ok(new FfiWorker(worker)));
        void worker.terminate();
        resolve(err(m.detail ?? 'library failed to load'));
      };
      const failed = (e: Error) => {
        clearTimeout(timer);
        resolve(err(e.message));
      };
      worker.once('message', first);
      worker.once('error', failed);
    });
  }

  /** What is stuck inside the library right now, if anything. */
  get stuckCall(): { fn: string; forMs: number } | null {
    return this.stuck ? { fn: this.stuck.fn, forMs: Date.now() - this.stuck.since } : null;
  }

  call(lib: string, fn: string, args: FfiArg[], timeoutMs: number): Promise<Result<FfiReturn, FfiError>> {
    const run = () => this.callNow(lib, fn, args, timeoutMs);
    const r = this.queue.then(run, run);
    this.queue = r.catch(() => undefined);
    return r;
  }

  private callNow(lib: string, fn: string, args: FfiArg[], timeoutMs: number): Promise<Result<FfiReturn, FfiError>> {
    if (this.dead) return Promise.resolve(err({ kind: 'closed', detail: this.dead }));
    if (this.stuck) return Promise.resolve(err({ kind: 'busy', detail: `${this.stuck.fn} has not returned for ${Date.now() - this.stuck.since} ms` }));
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        if (this.pending?.id !== id) return;
        this.stuck = { id, fn, since: this.pending.since };
        this.pending = null;
        resolve(err({ kind: 'timeout', detail: `${fn} did not return within ${timeoutMs} ms` }));
      }, timeoutMs);
      this.pending = {
        id,
        fn,
        since: Date.now(),
        settle: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
      };
      this.worker.postMessage({ id, lib, fn, args });
    });
  }

  private onReply(m: Reply): void {
    if (this.stuck?.id === m.id) {
      // the call that hung has come back: the library is free again; its answer is stale
      this.stuck = null;
      return;
    }
    const p = this.pending;
    if (!p || p.id !== m.id) return;
    this.pending = null;
    if (m.error !== undefined) p.settle(err({ kind: 'failed', detail: m.error }));
    else p.settle(ok({ value: m.value ?? 0, out: (m.out ?? []).map((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength)) }));
  }

  private die(reason: string): void {
    if (this.dead) return;
    this.dead = reason;
    this.pending?.settle(err({ kind: 'closed', detail: reason }));
    this.pending = null;
  }

  /** Ends the thread (once a stuck call returns, if one is stuck: native code cannot be stopped). */
  async close(): Promise<void> {
    this.die('closed');
    const ended = this.worker.terminate().catch(() => undefined);
    // a thread stuck in native code ends only when that call returns: do not hold shutdown for it
    if (!this.stuck) await ended;
    else this.worker.unref();
  }
}
