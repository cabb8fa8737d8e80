// Starts the reference central on loopback inside another process (npm start, e2e tests, bench).
import type { SuiteTag } from '../common/crypto-suite/suite';
import crypto from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createCentralApp } from './app';
import type { LookupLimit } from './followup/lookup-limit';
import { FaultInjector } from './faults';
import type { TurnConfig } from './help/turn-credentials';
import { CentralStore } from './store';
import type { SuiteName } from './tables/terminal-tables';
import { sampleCatalog } from './catalog/sample-catalog';
import type { StaffEnrolment } from '../common/staff-registry';
import { staffIdLookup } from './staff/helper-sign-in';
import { normaliseIdNumber, scryptHash } from './staff/staff-hash';

export interface RunningCentral {
  url: string;
  store: CentralStore;
  faults: FaultInjector;
  /** Bearer token for /v1/admin/* */
  adminToken: string;
  registerTerminal(terminalId: string, secret: string): void;
  close(): Promise<void>;
}

export interface StartCentralOptions {
  dbFile: string;
  port?: number;
  seedCatalog?: boolean;
  /** Terminals provisioned at start (development: the embedding kiosk's own id, secret, suite and SM2 public key). */
  terminals?: { terminalId: string; secret: string; suite?: SuiteName; sm2PublicKey?: string }[];
  adminToken?: string;
  /** read-only bearer token for GET /metrics (Prometheus) */
  metricsToken?: string;
  /** 帮办代办 helpers to enrol when nobody is enrolled yet (npm start: the demo helpers) */
  staff?: (StaffEnrolment & { staffId: string })[];
  /** follow-up lookups per terminal and sliding window (default DEFAULT_LOOKUP_LIMIT) */
  lookupLimit?: LookupLimit;
  /** TURN server for 远程帮办 calls (tests: a coturn on loopback) */
  turn?: TurnConfig | null;
  /** central's own suite (helper proofs' MAC); default international */
  suite?: SuiteTag;
}

export async function startCentral(opts: StartCentralOptions): Promise<RunningCentral> {
  const store = new CentralStore(opts.dbFile);
  // before enrolling anyone: card lookups are made with central's suite
  const suite = opts.suite ?? 'international';
  store.runCentralSuite(suite, Date.now());
  if (opts.seedCatalog !== false && !store.latestCatalog()) store.publishCatalog(sampleCatalog);
  for (const t of opts.terminals ?? []) store.registerTerminal(t.terminalId, t.secret, { suite: t.suite, sm2PublicKey: t.sm2PublicKey });
  if (opts.staff?.length && !store.staffVersion())
    for (const s of opts.staff)
      store.putStaff({
        staffId: s.staffId,
        name: s.name,
        township: s.township,
        idNumberHash: scryptHash(normaliseIdNumber(s.idNumber)),
        pinHash: scryptHash(s.pin),
        active: s.active,
        idLookup: staffIdLookup(store, s.idNumber),
      });
  const faults = new FaultInjector();
  const adminToken = opts.adminToken ?? crypto.randomBytes(24).toString('base64url');
  const app = createCentralApp({ store, faults, adminToken, metricsToken: opts.metricsToken, lookupLimit: opts.lookupLimit, turn: opts.turn ?? null, suite });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: opts.port ?? 0 }, () => resolve(s as Server));
    (s as Server).once('error', reject);
  });
  const { port } = server.address() as AddressInfo;

  // "Down for N seconds": stop listening (clients get connection refused, as with a real
  // outage) and listen again on the same port when the time is up.
  let reopen: NodeJS.Timeout | null = null;
  let closing = false;
  const listenAgain = () => {
    if (reopen) clearTimeout(reopen);
    reopen = null;
    if (!server.listening && !closing) server.listen(port, '127.0.0.1');
  };
  const offDown = faults.onDown((untilMs) => {
    if (untilMs > Date.now()) {
      if (server.listening) server.close();
      server.closeAllConnections();
      if (reopen) clearTimeout(reopen);
      reopen = setTimeout(listenAgain, untilMs - Date.now());
    } else {
      listenAgain();
    }
  });

  return {
    url: `http://127.0.0.1:${port}`,
    store,
    faults,
    adminToken,
    registerTerminal: (id, secret) => store.registerTerminal(id, secret),
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        offDown();
        if (reopen) clearTimeout(reopen);
        const done = () => {
          store.close();
          resolve();
        };
        if (server.listening) server.close(() => done());
        else done();
        server.closeAllConnections();
      }),
  };
}
