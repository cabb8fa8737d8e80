// Load on a reference central in its own process (so the load generator does not share its
// event loop): start it with registered terminals, pre-sign requests, drive them over keep-alive
// connections with a fixed number in flight. Used by fleet.bench.ts and capacity.bench.ts; the
// queue benches start their central with it too.
import { spawn, type ChildProcess } from 'node:child_process';
import { urlFromStdout } from '../scripts/test-support/url-from-stdout';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
export const CONCURRENCY = 64;

export async function startCentralProcess(dir: string, terminals: object[], env: Record<string, string> = {}): Promise<{ url: string; adminToken: string; child: ChildProcess }> {
  const file = path.join(dir, 'terminals.json');
  fs.writeFileSync(file, JSON.stringify(terminals));
  const adminToken = crypto.randomBytes(16).toString('hex');
  const child = spawn(path.join(root, 'node_modules', '.bin', 'tsx'), [path.join(root, 'central', 'server.ts')], {
    cwd: root,
    env: { ...process.env, CENTRAL_PORT: '0', CENTRAL_DB: path.join(dir, 'central.db'), CENTRAL_TERMINALS: file, CENTRAL_ADMIN_TOKEN: adminToken, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await urlFromStdout(child, 60_000);
  return { url, adminToken, child };
}

export interface Prepared {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: Uint8Array;
}

export async function prepare(req: Request): Promise<Prepared> {
  return { url: req.url, method: req.method, headers: Object.fromEntries(req.headers.entries()), body: new Uint8Array(await req.arrayBuffer()) };
}

export function send(r: Prepared, agent: http.Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const u = new URL(r.url);
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname, method: r.method, headers: { ...r.headers, 'content-length': r.body.byteLength }, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(r.body);
  });
}

/** Sends every request with CONCURRENCY in flight over keep-alive connections; returns requests per second. */
export async function drive(reqs: Prepared[], agent: http.Agent): Promise<{ rps: number; failed: number }> {
  let next = 0;
  let failed = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < reqs.length) {
        const status = await send(reqs[next++]!, agent);
        if (status !== 200) failed++;
      }
    }),
  );
  return { rps: reqs.length / ((performance.now() - t0) / 1000), failed };
}

/**
 * CPU time (user + system, ms) used so far by a process and everything it started (tsx runs
 * central in a child of its own), from /proc; null where there is no /proc. Unlike requests per
 * second on a shared machine, a request's CPU time does not move with the other users' load.
 */
export function processTreeCpuMs(pid: number): number | null {
  try {
    const tick = 1000 / 100; // USER_HZ: 100 on Linux
    let ms = 0;
    const visit = (p: number) => {
      const fields = fs.readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ms += (Number(fields[11]) + Number(fields[12])) * tick;
      for (const t of fs.readdirSync(`/proc/${p}/task`)) for (const k of fs.readFileSync(`/proc/${p}/task/${t}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) visit(Number(k));
    };
    visit(pid);
    return ms;
  } catch {
    return null;
  }
}
