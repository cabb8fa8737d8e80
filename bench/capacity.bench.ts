// How many terminals one central node serves, with the fleet's monitoring on: central (its own
// process) sustaining heartbeats from BENCH_CAPACITY_TERMINALS registered terminals while
// Prometheus-style scrapes of GET /metrics run meanwhile (one every BENCH_CAPACITY_SCRAPE_MS,
// Prometheus' default 15 s; the shipped config scrapes every 60 s), against the same heartbeats
// without scrapes and a no-op handler (admin sink, same body, same server
// and connections); the scrape's own time against a bare health check; and the sustained rate
// translated into terminals per node at 60 s heartbeats, used to half of saturation.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { sampleHeartbeat } from '../central/fleet/sample-heartbeat';
import { signedRequest } from '../central/test-support/signed-client';
import { configSchema } from '../main/backend/config/schema';
import { CONCURRENCY, drive, prepare, startCentralProcess, type Prepared } from './central-load';
import type { Report } from './report';

const TERMINALS = Number(process.env.BENCH_CAPACITY_TERMINALS ?? 2000);
const SCRAPE_MS = Number(process.env.BENCH_CAPACITY_SCRAPE_MS ?? 15_000);
/** Planned load as a share of what a node sustains: room for bursts after an outage, when every terminal reports at once. */
const TARGET_UTILISATION = 0.5;

async function timed(url: string, token: string, agent: http.Agent): Promise<number> {
  const t0 = performance.now();
  await new Promise<void>((resolve, reject) => {
    const u = new URL(url);
    http
      .get({ host: u.hostname, port: u.port, path: u.pathname, agent, headers: { authorization: `Bearer ${token}`, accept: 'application/openmetrics-text; version=1.0.0' } }, (res) => {
        if (res.statusCode !== 200) reject(new Error(`${u.pathname}: ${res.statusCode}`));
        res.resume();
        res.on('end', () => resolve());
      })
      .on('error', reject);
  });
  return performance.now() - t0;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function run(report: Report): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-capacity-'));
  const terminals = Array.from({ length: TERMINALS }, (_, i) => ({ terminalId: `CP${String(i).padStart(6, '0')}`, secret: crypto.randomBytes(32).toString('base64url') }));
  const metricsToken = crypto.randomBytes(16).toString('hex');
  const { url, adminToken, child } = await startCentralProcess(dir, terminals, { CENTRAL_METRICS_TOKEN: metricsToken });
  const load = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  // a connection per scrape: 15 s apart, a kept-alive one would meet the server's idle timeout
  const scraper = new http.Agent({ keepAlive: false, maxSockets: 1 });
  try {
    const signedAll: Prepared[] = [];
    for (let r = 0; r < 3; r++)
      for (const t of terminals)
        signedAll.push(
          await prepare(
            await signedRequest(url, { ...t, method: 'POST', path: '/v1/heartbeats', json: sampleHeartbeat({ kiosk: r, paper: Number(t.terminalId.slice(2)) % 50 === 0 ? 'out' : 'ok' }) }),
          ),
        );
    const body = signedAll[0]!.body;
    const sink: Prepared[] = signedAll.map(() => ({ url: `${url}/v1/admin/sink`, method: 'POST', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' }, body }));

    // Three rounds: the first registers every terminal's heartbeat (and warms JIT, page cache,
    // connections), the second runs without scrapes, the third with.
    await drive(sink.slice(0, 500), load);
    const warm = await drive(signedAll.slice(0, TERMINALS), load);
    if (warm.failed) throw new Error(`${warm.failed} warm-up heartbeats refused`);

    // Scrape cost with the whole fleet reported, against a bare health check on the same server.
    const scrapes: number[] = [];
    const health: number[] = [];
    for (let i = 0; i < 15; i++) {
      scrapes.push(await timed(`${url}/metrics`, metricsToken, scraper));
      health.push(await timed(`${url}/v1/health`, metricsToken, scraper));
    }
    report(`central: one /metrics scrape of ${TERMINALS} terminals`, median(scrapes), 'ms', { name: 'GET /v1/health on the same server', value: median(health) });

    // Heartbeats without, then with scrapes running meanwhile.
    const quiet = await drive(signedAll.slice(TERMINALS, 2 * TERMINALS), load);
    if (quiet.failed) throw new Error(`${quiet.failed} heartbeats refused`);
    const during: number[] = [];
    let scraping = true;
    const scrapeLoop = (async () => {
      while (scraping) {
        during.push(await timed(`${url}/metrics`, metricsToken, scraper));
        await new Promise((r) => setTimeout(r, SCRAPE_MS));
      }
    })();
    const measured = signedAll.slice(2 * TERMINALS);
    const hb = await drive(measured, load);
    scraping = false;
    await scrapeLoop;
    if (hb.failed) throw new Error(`${hb.failed} heartbeats refused`);
    const noop = await drive(sink.slice(0, measured.length), load);
    report(`central: heartbeats sustained from ${TERMINALS} terminals, /metrics scraped every ${SCRAPE_MS} ms meanwhile (${during.length} scrapes)`, hb.rps, 'req/s', {
      name: 'the same without scrapes',
      value: quiet.rps,
    });
    report(`central: heartbeats sustained from ${TERMINALS} terminals without scrapes`, quiet.rps, 'req/s', { name: 'no-op handler, same server and body', value: noop.rps });
    report('central: /metrics scrape while heartbeats arrive', median(during), 'ms', { name: 'the same scrape on an idle central', value: median(scrapes) });

    const heartbeatSec = configSchema.parse({}).heartbeatSec;
    const perNode = Math.floor(hb.rps * heartbeatSec * TARGET_UTILISATION);
    report(`central: terminals per node at one heartbeat per ${heartbeatSec} s, planned at ${TARGET_UTILISATION * 100}% of saturation`, perNode, 'terminals', {
      name: `terminals at saturation (sustained req/s × ${heartbeatSec} s)`,
      value: Math.floor(hb.rps * heartbeatSec),
    });
  } finally {
    load.destroy();
    scraper.destroy();
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
