// A kiosk process of its own for the soak figure (soak.bench.ts bundles and starts it): the real
// backend (bootBackend: store, queue syncing to central in its own process, journey API, receipt
// printer simulator on a pty) driven through its fetch handler by `sessions` simulated citizens:
// card read (the reader's event), identity and prefilled form, pages scanned into the inbox,
// materials decision, then submit (one in five; every tenth of those with pages big enough for a
// page file) or walk away, and the session wiped. A submission costs ~130 ms on a loaded 2-core
// machine, most of it the receipt printed over the pty (status asked before and after the job):
// one in five keeps 10,000 sessions to a few minutes. Every `every` sessions it records RSS after a
// GC, open file descriptors and active timers, and where the memory is: V8's resident pages,
// malloc's bytes in use and free, anonymous memory by mapping. Prints one line of JSON, then exits.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import v8 from 'node:v8';
import { sampleCatalog } from '../central/catalog/sample-catalog';
import { CN_2026 } from '../common/test-support/calendars';
import { uuidv7 } from '../common/uuidv7';
import { cardReadEvent } from '../devices/fakes/fake-events';
import { SAMPLE_CARDS } from '../devices/id-card/sample-cards';
import { bootBackend } from '../main/backend/boot';
import { staticKeyProvider } from '../offline-queue/crypto/key-provider';
import { PageFiles } from '../offline-queue/store/page-files';

interface Options {
  dir: string;
  centralUrl: string;
  terminal: { terminalId: string; secret: string };
  sessions: number;
  every: number;
}
const o = JSON.parse(process.argv[2] ?? '{}') as Options;

// both materials 容缺-free when given: lease contract and rent receipt
const RENT = sampleCatalog.services.find((s) => s.code === '321300-QT-00401-004')!;
const card = SAMPLE_CARDS.resident;
const FORM = {
  applicantName: card.name,
  applicantIdNumber: card.idNumber,
  birthDate: card.birthDate,
  address: '宿迁市宿城区新地址1号',
  phone: '13912345678',
  fundAccount: '32000123456',
  monthlyRent: 1800,
  bankAccount: '6222020000000000000',
  married: 'no',
};
const SIGNATURE = { mime: 'image/png' as const, data: Buffer.from('signature-png').toString('base64') };

/** A JPEG header the inbox accepts (an A4 page at 150 dpi), padded to `bytes` after its end marker. */
function page(bytes: number): Uint8Array {
  // prettier-ignore
  const head = [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
    0xff, 0xc0, 0x00, 0x11, 0x08, 1754 >> 8, 1754 & 0xff, 1240 >> 8, 1240 & 0xff, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xff, 0xd9];
  return Buffer.concat([Buffer.from(head), crypto.randomBytes(Math.max(0, bytes - head.length))]);
}

function rssKinds(): Sample['rssKinds'] {
  const status = fs.readFileSync('/proc/self/status', 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { anon: kb('RssAnon'), file: kb('RssFile'), shmem: kb('RssShmem') };
}

// glibc's allocator seen from inside (koffi, loaded at run time from the bundle's node_modules):
// mallinfo2 sums every arena, so native memory in use can be told from free memory malloc keeps.
interface Koffi {
  load(lib: string): { func(decl: string): (...args: unknown[]) => unknown };
  struct(name: string, fields: Record<string, string>): unknown;
}
const koffi = createRequire(import.meta.url)('koffi') as Koffi;
const libc = koffi.load('libc.so.6');
koffi.struct('mallinfo2_t', Object.fromEntries(['arena', 'ordblks', 'smblks', 'hblks', 'hblkhd', 'usmblks', 'fsmblks', 'uordblks', 'fordblks', 'keepcost'].map((f) => [f, 'size_t'])));
const mallinfo2 = libc.func('mallinfo2_t mallinfo2()') as () => Record<string, number | bigint>;
function malloc(): Sample['malloc'] {
  const m = mallinfo2();
  const n = (k: string) => Number(m[k]);
  return { inUse: n('uordblks') + n('hblkhd'), free: n('fordblks'), mapped: n('hblkhd') };
}
/** Resident anonymous memory by kind of mapping (/proc/self/smaps): brk heap (malloc's main arena), 64 MiB-aligned thread arenas, stacks, the rest (V8's pages, mmapped chunks). */
function anonByMapping(): Record<string, number> {
  const out: Record<string, number> = { heap: 0, arenas: 0, stacks: 0, other: 0 };
  let kind: string | null = null;
  for (const line of fs.readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
    const m = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ (\d+)\s*(.*)$/.exec(line);
    if (m) {
      const [, start, , , inode, name] = m;
      kind = name === '[heap]' ? 'heap' : name === '[stack]' ? 'stacks' : inode !== '0' || name ? null : BigInt(`0x${start}`) % (64n << 20n) === 0n ? 'arenas' : 'other';
    } else if (kind && line.startsWith('Rss:')) out[kind]! += Number(/(\d+)/.exec(line)![1]) * 1024;
  }
  return out;
}
const v8Physical = () => v8.getHeapSpaceStatistics().reduce((a, s) => a + s.physical_space_size, 0);

export interface Sample {
  /** malloc's bytes in use (incl. mmapped chunks), free bytes it holds in its arenas, mmapped chunks */
  malloc: { inUse: number; free: number; mapped: number };
  /** V8's heap pages actually resident */
  v8Physical: number;
  /** resident anonymous memory by mapping: malloc's main arena (brk heap), thread arenas, stacks, the rest */
  anonBy: Record<string, number>;
  session: number;
  rss: number;
  heap: number;
  heapTotal: number;
  /** RSS by kind (/proc/self/status): malloc and V8 (anon), mapped files, shared memory (SQLite's -shm) */
  rssKinds: { anon: number; file: number; shmem: number };
  external: number;
  fds: number;
  timers: number;
  resources: number;
}

/** What the soak prints (soak.bench.ts imports the type alone: nothing of this file runs there). */
export interface Soaked {
  samples: Sample[];
  submitted: number;
  withPageFiles: number;
  pageFiles: number;
  orphans: number;
  sent: number;
  dead: number;
  msPerSession: number;
}

async function main(): Promise<Soaked> {
  const dataDir = path.join(o.dir, 'kiosk');
  fs.mkdirSync(path.join(dataDir, 'keys'), { recursive: true, mode: 0o700 });
  const secretFile = path.join(dataDir, 'keys', 'terminal.secret');
  fs.writeFileSync(secretFile, `${o.terminal.secret}\n`, { mode: 0o600 });
  const configFile = path.join(o.dir, 'config.json');
  fs.writeFileSync(
    configFile,
    JSON.stringify({
      terminalId: o.terminal.terminalId,
      centralUrl: o.centralUrl,
      terminalSecretFile: secretFile,
      journey: { faceCheck: false },
      devices: [{ kind: 'receipt-printer', mode: 'simulator', baudRate: 115200, widthChars: 32 }],
    }),
  );
  const backend = await bootBackend({ dataDir, configFile, rendererDir: null, version: '0.0.0-soak', keyProvider: staticKeyProvider(crypto.randomBytes(32)), secretService: null });
  const { ctx } = backend;
  ctx.store.outbox.putCalendar(2026, CN_2026.version, JSON.stringify(CN_2026), new Date().toISOString());
  for (let t = 0; ctx.devices.list().find((d) => d.device === 'receipt-printer')?.health !== 'ok'; t++) {
    if (t > 500) throw new Error('receipt printer simulator not ready');
    await new Promise((r) => setTimeout(r, 20));
  }

  const api = async (p: string, body?: unknown): Promise<{ status: number; json: unknown }> => {
    const res = await backend.fetch(new Request(`http://kiosk.test${p}`, body === undefined ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }));
    return { status: res.status, json: await res.json() };
  };
  const expect = (what: string, ok: boolean, detail?: unknown) => {
    if (!ok) throw new Error(`${what}: ${JSON.stringify(detail)}`);
  };
  const scan = (n: number, bytes: number) =>
    Array.from({ length: n }, () => {
      const r = ctx.devices.pages.add('scanner', page(bytes));
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      return r.value.id;
    });

  const samples: Sample[] = [];
  let submitted = 0;
  let withPageFiles = 0;
  const t0 = performance.now();
  for (let i = 1; i <= o.sessions; i++) {
    ctx.bus.emit(cardReadEvent('resident'));
    const id = await api('/api/journey/identity');
    expect('identity held', (id.json as { identity: unknown }).identity !== null, id);
    const form = await api(`/api/journey/services/${RENT.code}/form`);
    expect('form prefilled', form.status === 200, form);
    const submit = i % 5 === 0;
    const big = submit && i % 50 === 0;
    const materials = [
      { materialId: 'lease-contract', pageIds: scan(big ? 2 : 1, big ? 80_000 : 3_000) },
      { materialId: 'rent-receipt', pageIds: scan(1, 3_000) },
    ];
    const decision = await api(`/api/journey/services/${RENT.code}/materials`, { materials });
    expect('materials decided', decision.status === 200, decision);
    if (submit) {
      const r = await api('/api/journey/submit', { idempotencyKey: uuidv7(), serviceCode: RENT.code, form: FORM, materials, signature: SIGNATURE, channel: 'kiosk' });
      expect('submitted', r.status === 201, r);
      submitted++;
      if (big) withPageFiles++;
    }
    const end = await api('/api/system/session/end', { reason: submit ? 'finish' : 'idle' });
    expect('session ended', end.status === 200, end);
    expect('inbox wiped', ctx.devices.pages.list().length === 0, ctx.devices.pages.list().length);
    if (i % o.every === 0) {
      global.gc?.();
      const resources = process.getActiveResourcesInfo();
      const m = process.memoryUsage();
      samples.push({
        session: i,
        rss: m.rss,
        heap: m.heapUsed,
        heapTotal: m.heapTotal,
        rssKinds: rssKinds(),
        external: m.external + m.arrayBuffers,
        fds: fs.readdirSync('/proc/self/fd').length,
        timers: resources.filter((r) => r === 'Timeout').length,
        resources: resources.length,
        malloc: malloc(),
        v8Physical: v8Physical(),
        anonBy: anonByMapping(),
      });
    }
  }
  const msPerSession = (performance.now() - t0) / o.sessions;
  // what the sessions queued reaches central; then no page file is left that no row names
  for (let t = 0; ctx.queue.engine.status().pending > 0; t++) {
    if (t > 6000) throw new Error(`queue not drained: ${JSON.stringify(ctx.queue.engine.status())}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const dbFile = path.join(dataDir, 'kiosk.db');
  const files = new PageFiles(PageFiles.dirOf(dbFile)).list();
  const named = ctx.store.outbox.pageFileNames();
  const orphans = files.filter((f) => !named.has(f)).length;
  const status = ctx.queue.engine.status();
  await backend.close();
  return { samples, submitted, withPageFiles, pageFiles: files.length, orphans, sent: status.sent, dead: status.dead, msPerSession };
}

main().then(
  (r) => {
    process.stdout.write(`${JSON.stringify(r)}\n`);
    process.exit(0);
  },
  (e: unknown) => {
    process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  },
);
