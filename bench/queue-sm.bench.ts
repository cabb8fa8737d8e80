// The offline queue's enqueue and sync figures again with the 国密 suite (issue 16): SM4-GCM at
// rest, SM3 digests, SM2-signed requests to a central that holds the terminal to sm. Each figure
// has the ratio against the same baseline as queue.bench.ts (write+fsync of the same bytes, raw
// HTTP upload of the same bytes to the same server) and a second line against the international
// suite measured in the same run, so the cost of 国密 itself reads off directly.
import type { ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SuiteTag } from '../common/crypto-suite/suite';
import { sampleCatalog } from '../central/catalog/sample-catalog';
import { staticKeyProvider } from '../offline-queue/crypto/key-provider';
import { Sealer } from '../offline-queue/crypto/sealer';
import { loadTerminalSigningKey } from '../offline-queue/crypto/terminal-signing-key';
import { Outbox } from '../offline-queue/outbox';
import { Store } from '../offline-queue/store/store';
import { sampleSubmission } from '../offline-queue/test-support/sample-submission';
import { startCentralProcess, syncVsRaw } from './queue.bench';
import { openBenchQueue } from './bench-queue';
import type { Report } from './report';

const SERVICE = sampleCatalog.services[0]!.code;
const PAGE_BYTES = 300_000;
const signing = loadTerminalSigningKey(staticKeyProvider(crypto.randomBytes(32)));
const TERMINALS: Record<SuiteTag, { terminalId: string; secret: string }> = {
  international: { terminalId: 'BENCH101', secret: crypto.randomBytes(32).toString('base64url') },
  sm: { terminalId: 'BENCH102', secret: crypto.randomBytes(32).toString('base64url') },
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function fsyncMs(dir: string, bytes: Buffer): number {
  const t = performance.now();
  const fd = fs.openSync(path.join(dir, `raw-${crypto.randomUUID()}.bin`), 'w');
  fs.writeSync(fd, bytes);
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  return performance.now() - t;
}

/** Median durable enqueue of 10 pages (3 MB) in a suite, and of write+fsync of the same bytes. */
function enqueueFigures(dir: string, suite: SuiteTag, rounds: number): { enqueue: number; raw: number } {
  const d = path.join(dir, `enqueue-${suite}`);
  const dbFile = path.join(d, 'kiosk.db');
  const store = Store.open(dbFile);
  const outbox = new Outbox({ store, sealer: new Sealer(crypto.randomBytes(32), { suite }), terminalId: TERMINALS[suite].terminalId, dbFile });
  const enqueue: number[] = [];
  const raw: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const sub = sampleSubmission({ serviceCode: SERVICE, pages: 10, pageBytes: PAGE_BYTES });
    const t0 = performance.now();
    const r = outbox.enqueue(sub);
    enqueue.push(performance.now() - t0);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    raw.push(fsyncMs(d, Buffer.concat(sub.materials.flatMap((m) => m.pages.map((p) => Buffer.from(p.data))))));
  }
  store.close();
  return { enqueue: median(enqueue), raw: median(raw) };
}

/** Median MB/s delivering N submissions of 10 pages in a suite, and of raw HTTP upload of the same bytes (queue.bench.ts's rounds). */
function syncFigures(dir: string, suite: SuiteTag, central: { url: string; adminToken: string; child: ChildProcess }, n: number): Promise<{ sync: number; raw: number }> {
  return syncVsRaw({
    dir: path.join(dir, `sync-${suite}`),
    central,
    submissions: n,
    rounds: 3,
    open: (d, emit) => openBenchQueue(d, { terminalId: TERMINALS[suite].terminalId, terminalSecret: TERMINALS[suite].secret, suite, signingKey: signing.keyPair, centralUrl: central.url, emit }),
  });
}

export async function run(report: Report): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-sm-bench-'));
  const central = await startCentralProcess(dir, [TERMINALS.international, { ...TERMINALS.sm, suite: 'sm', sm2PublicKey: signing.publicKeyHex }]);
  try {
    const intlEnqueue = enqueueFigures(dir, 'international', 5);
    const smEnqueue = enqueueFigures(dir, 'sm', 5);
    report('durable enqueue, 10 pages (3 MB), sm suite (SM4-GCM)', smEnqueue.enqueue, 'ms', { name: 'write+fsync of the same bytes', value: smEnqueue.raw });
    report('durable enqueue, 10 pages (3 MB), sm suite (SM4-GCM)', smEnqueue.enqueue, 'ms', { name: 'the same, international suite (AES-256-GCM)', value: intlEnqueue.enqueue });

    const intlSync = await syncFigures(dir, 'international', central, 3);
    const smSync = await syncFigures(dir, 'sm', central, 3);
    report('sync throughput to central, sm suite (SM2-signed, SM3)', smSync.sync, 'MB/s', { name: 'raw HTTP upload, same bytes, same server', value: smSync.raw });
    report('sync throughput to central, sm suite (SM2-signed, SM3)', smSync.sync, 'MB/s', { name: 'the same, international suite (HMAC-SHA256)', value: intlSync.sync });
  } finally {
    central.child.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
