// coturn (Debian's `coturn`) on loopback for 远程帮办 e2e tests: TURN REST auth with a test secret
// (use-auth-secret, as central's credentials expect), a free port, relay ports on 127.0.0.1, its
// database and pid file in a temp folder. `close()` ends it and waits until it has exited.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import dgram from 'node:dgram';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from './kiosk';

export const TURNSERVER = '/usr/bin/turnserver';

export interface RunningTurn {
  url: string;
  secret: string;
  /** what coturn logged (allocations show the relay in use) */
  log(): string;
  close(): Promise<void>;
}

async function freeUdpPort(): Promise<number> {
  const s = dgram.createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
  const { port } = s.address();
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

export async function startTurn(): Promise<RunningTurn> {
  const dir = tempDir('turn');
  const port = await freeUdpPort();
  const secret = crypto.randomBytes(18).toString('base64url');
  const base = 40000 + Math.floor(Math.random() * 20000);
  const child: ChildProcess = spawn(
    TURNSERVER,
    [
      '-n',
      '--listening-ip=127.0.0.1',
      '--relay-ip=127.0.0.1',
      `--listening-port=${port}`,
      '--use-auth-secret',
      `--static-auth-secret=${secret}`,
      '--realm=kiosk.test',
      '--no-tls',
      '--no-dtls',
      '--no-tcp',
      '--no-cli',
      '--allow-loopback-peers',
      `--min-port=${base}`,
      `--max-port=${base + 200}`,
      `--userdb=${path.join(dir, 'turndb')}`,
      `--pidfile=${path.join(dir, 'turnserver.pid')}`,
      '--log-file=stdout',
      '--simple-log',
      '--verbose',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  // ready once it says its UDP listener is up
  const deadline = Date.now() + 10_000;
  while (!/listener opened on|Total UDP servers/i.test(log)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`turnserver did not start: ${log.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `turn:127.0.0.1:${port}?transport=udp`,
    secret,
    log: () => log,
    close: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
