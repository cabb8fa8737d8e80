// Terminal health figures, each against a baseline measured in the same run:
// - heartbeat request size (signing headers + body with two days of usage statistics) vs a
//   minimal signed request (the same headers, empty body)
// - heartbeat bytes and requests per terminal per day at the default interval vs the same
//   cadence of minimal signed requests / the case-status polls the kiosk already makes
// - central sustaining 1,000 terminals' heartbeats (signature check, validation, SQLite upsert)
//   in requests per second vs a no-op handler (admin sink, same body) on the same server, in
//   alternating rounds (medians), and central's CPU time per request of each
// Central runs in its own process so the load generator does not share its event loop.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { CONCURRENCY, drive, prepare, processTreeCpuMs, startCentralProcess, type Prepared } from './central-load';
import { sampleHeartbeat } from '../central/fleet/sample-heartbeat';
import { signedRequest } from '../central/test-support/signed-client';
import type { Heartbeat } from '../common/heartbeat';
import { lastChinaDays } from '../common/usage-summary';
import { configSchema } from '../main/backend/config/schema';
import type { Report } from './report';

const TERMINALS = Number(process.env.BENCH_FLEET_TERMINALS ?? 1000);
/** Measured rounds, each every terminal's heartbeat once and as many no-op requests, alternating. */
const ROUNDS = Number(process.env.BENCH_FLEET_ROUNDS ?? 6);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** A busy terminal's heartbeat: 15 services × 2 channels × 2 days, two journeys of 8 steps, all ratings. */
function busyHeartbeat(at = Date.now()): Heartbeat {
  const hb = sampleHeartbeat({ at });
  const days = lastChinaDays(2, at);
  const services = Array.from({ length: 15 }, (_, i) => `321300-GG-${String(i).padStart(5, '0')}-001`);
  hb.usage = {
    days,
    submissions: days.flatMap((day) => services.flatMap((serviceCode) => (['kiosk', 'helper'] as const).map((channel) => ({ day, serviceCode, channel, count: 12, noVisit: 9 })))),
    steps: days.flatMap((day) =>
      ['apply', 'followup'].flatMap((journey) =>
        ['start', 'identity', 'form', 'materials', 'sign', 'review', 'submitted', 'receipt'].map((step) => ({ day, journey, step, reached: 40, abandoned: 3 })),
      ),
    ),
    ratings: days.flatMap((day) => [1, 2, 3, 4, 5].map((rating) => ({ day, rating, count: rating * 2 }))),
  };
  return hb;
}

/** Bytes of an HTTP/1.1 request as sent: request line, headers, body. */
async function wireBytes(req: Request): Promise<number> {
  const body = new Uint8Array(await req.clone().arrayBuffer());
  const url = new URL(req.url);
  const headers: [string, string][] = [['host', url.host], ['connection', 'keep-alive'], ['content-length', String(body.byteLength)], ...req.headers.entries()];
  const head = `${req.method} ${url.pathname}${url.search} HTTP/1.1\r\n${headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
  return Buffer.byteLength(head) + body.byteLength;
}

export async function run(report: Report): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-fleet-'));
  const terminals = Array.from({ length: TERMINALS }, (_, i) => ({ terminalId: `FL${String(i).padStart(6, '0')}`, secret: crypto.randomBytes(32).toString('base64url') }));
  const { url, adminToken, child } = await startCentralProcess(dir, terminals);
  const dispatcher = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  try {
    // Sizes.
    const t = terminals[0]!;
    const hbReq = await signedRequest(url, { ...t, method: 'POST', path: '/v1/heartbeats', json: busyHeartbeat() });
    const minimalReq = await signedRequest(url, { ...t, method: 'POST', path: '/v1/heartbeats', rawBody: '' });
    const hbBytes = await wireBytes(hbReq);
    const minimalBytes = await wireBytes(minimalReq);
    report('heartbeat request (busy terminal, 2 days of statistics)', hbBytes, 'B', { name: 'minimal signed request', value: minimalBytes });
    const healthy = await wireBytes(await signedRequest(url, { ...t, method: 'POST', path: '/v1/heartbeats', json: sampleHeartbeat() }));
    report('heartbeat request (typical terminal)', healthy, 'B', { name: 'minimal signed request', value: minimalBytes });

    const statusOnly = await wireBytes(await signedRequest(url, { ...t, method: 'POST', path: '/v1/heartbeats', json: { ...busyHeartbeat(), usage: null } }));
    report('heartbeat request (statistics unchanged since the last one)', statusOnly, 'B', { name: 'minimal signed request', value: minimalBytes });

    const cfg = configSchema.parse({});
    const perDay = 86_400 / cfg.heartbeatSec;
    const minimalDay = (minimalBytes * perDay) / 1e6;
    // Busy hall: statistics change every 10 minutes over a 10-hour day, unchanged the rest.
    const changedBeats = 60 + 14; // 10 h × 6 changes + 1 hourly resend for the other 14 h
    report(`heartbeat bytes per terminal per day (every ${cfg.heartbeatSec} s, busy day)`, (hbBytes * changedBeats + statusOnly * (perDay - changedBeats)) / 1e6, 'MB/day', {
      name: 'minimal signed requests at the same cadence',
      value: minimalDay,
    });
    report(`heartbeat bytes per terminal per day (every ${cfg.heartbeatSec} s, worst case: statistics change every beat)`, (hbBytes * perDay) / 1e6, 'MB/day', {
      name: 'minimal signed requests at the same cadence',
      value: minimalDay,
    });
    report('heartbeat requests per terminal per day', perDay, 'req/day', { name: `case-status polls per day (every ${cfg.queue.statusPollSec} s)`, value: 86_400 / cfg.queue.statusPollSec });

    // Throughput: every terminal reports once to warm up and then once a round; pre-signed so the
    // client's HMAC cost is not timed.
    const signedAll: Prepared[] = [];
    for (let r = 0; r <= ROUNDS; r++)
      for (const term of terminals) signedAll.push(await prepare(await signedRequest(url, { ...term, method: 'POST', path: '/v1/heartbeats', json: sampleHeartbeat({ kiosk: r }) })));
    const body = signedAll[0]!.body;
    const sink: Prepared[] = signedAll.map(() => ({ url: `${url}/v1/admin/sink`, method: 'POST', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' }, body }));
    // Warm both paths (JIT, SQLite page cache, connections).
    await drive(sink.slice(0, 500), dispatcher);
    const warm = await drive(signedAll.slice(0, TERMINALS), dispatcher);
    if (warm.failed) throw new Error(`${warm.failed} warm-up heartbeats refused`);
    // Alternating rounds, the order swapped every round, medians: a load that changes during the
    // run (the machine is shared) moves both sides instead of one.
    const rps = { hb: [] as number[], noop: [] as number[] };
    const cpu = { hb: [] as number[], noop: [] as number[] };
    const round = async (side: 'hb' | 'noop', reqs: Prepared[]) => {
      const before = processTreeCpuMs(child.pid!);
      const r = await drive(reqs, dispatcher);
      if (r.failed) throw new Error(`${r.failed} ${side === 'hb' ? 'heartbeats' : 'no-op requests'} refused`);
      const after = processTreeCpuMs(child.pid!);
      rps[side].push(r.rps);
      if (before !== null && after !== null) cpu[side].push((after - before) / reqs.length);
    };
    for (let r = 1; r <= ROUNDS; r++) {
      const beats = signedAll.slice(r * TERMINALS, (r + 1) * TERMINALS);
      const noops = sink.slice(r * TERMINALS, (r + 1) * TERMINALS);
      if (r % 2) {
        await round('hb', beats);
        await round('noop', noops);
      } else {
        await round('noop', noops);
        await round('hb', beats);
      }
    }
    const hb = median(rps.hb);
    report(`central: ${TERMINALS} terminals' heartbeats sustained`, hb, 'req/s', { name: 'no-op handler, same server and body', value: median(rps.noop) }, { atLeast: 0.5 });
    if (cpu.hb.length === ROUNDS)
      report("central: CPU time per heartbeat (central's process, user + system)", median(cpu.hb), 'ms', { name: 'per no-op request, same server and body', value: median(cpu.noop) });
    report(`central: ${TERMINALS} terminals at one heartbeat per ${cfg.heartbeatSec} s need`, TERMINALS / cfg.heartbeatSec, 'req/s', { name: 'heartbeats sustained', value: hb });
  } finally {
    dispatcher.destroy();
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
