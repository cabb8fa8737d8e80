// The fleet's figures for Prometheus (GET /metrics): computed from central's store when scraped,
// through collect callbacks on a registry that belongs to one central app (tests build several
// apps in one process, so prom-client's global default registry is never used).
//
// Label values come only from closed sets or from identifiers central itself issued (terminal
// ids, the published catalog's service codes): a heartbeat's free text (device messages) and any
// value outside those sets never becomes a label, so nothing a terminal sends can put personal
// data into a time series (fleet-metrics.test.ts sends an ID number in every free field).
import { Gauge, Registry } from 'prom-client';
import { DEVICE_KINDS } from '../../common/devices';
import { lastChinaDays } from '../../common/usage-summary';
import type { CentralStore } from '../store';
import { UPDATE_STEPS } from '../../common/fleet-updates';
import type { Heartbeat } from '../../common/heartbeat';
import { parseStoredHeartbeat, terminalStatus, type TerminalStatus } from './fleet-status';

/** Health of a terminal as one value, worst first: what `kiosk_fleet_terminals{health}` counts. */
export const TERMINAL_HEALTH = ['never_reported', 'silent', 'down', 'degraded', 'ok'] as const;
type TerminalHealth = (typeof TERMINAL_HEALTH)[number];
const SYNC_STATES = ['idle', 'syncing', 'offline', 'backoff', 'auth-failed', 'stopped'] as const;
const OTHER = 'other';
/** A release version as the kiosk's package.json writes it; anything else is reported as "other". */
const VERSION_LABEL = /^\d{1,4}\.\d{1,4}\.\d{1,6}(?:-[0-9A-Za-z.]{1,20})?$/;

function healthOf(t: TerminalStatus): TerminalHealth {
  if (t.flags.includes('never-reported')) return 'never_reported';
  if (t.flags.includes('silent')) return 'silent';
  if (t.flags.includes('down')) return 'down';
  if (t.flags.some((f) => f === 'paper-low' || f === 'behind-sync' || f === 'dead-letters')) return 'degraded';
  return 'ok';
}

interface Figures {
  now: number;
  terminals: TerminalStatus[];
  submissions: Map<string, { channel: string; service: string; count: number; noVisit: number }>;
  ratings: number[];
}

interface UsageBody {
  submissions?: { serviceCode: string; channel: string; count: number; noVisit: number }[];
  ratings?: { rating: number; count: number }[];
}

function knownServices(store: CentralStore): Set<string> {
  const latest = store.latestCatalog();
  if (!latest) return new Set();
  const parsed = JSON.parse(latest.body) as { services?: { code?: unknown }[] };
  return new Set((parsed.services ?? []).map((s) => s.code).filter((c): c is string => typeof c === 'string'));
}

/**
 * Parsed heartbeats by terminal, kept while the terminal sends no newer one: a scrape every 15 s
 * of terminals reporting every 60 s re-reads most of them unchanged, and validating each stored
 * body again is most of a scrape's cost (bench/capacity.bench.ts).
 */
type ParsedCache = Map<string, { receivedAt: number; heartbeat: Heartbeat | null }>;

function figures(store: CentralStore, now: number, cache: ParsedCache): Figures {
  const rows = store.fleet().filter((r) => !r.disabled);
  const seen = new Set<string>();
  const terminals = rows.map((r) => {
    seen.add(r.terminalId);
    return terminalStatus(r, now, (row) => {
      const hit = cache.get(row.terminalId);
      if (hit?.receivedAt === row.receivedAt) return hit.heartbeat;
      const heartbeat = parseStoredHeartbeat(row.body);
      cache.set(row.terminalId, { receivedAt: row.receivedAt!, heartbeat });
      return heartbeat;
    });
  });
  for (const id of cache.keys()) if (!seen.has(id)) cache.delete(id);
  const services = knownServices(store);
  const today = lastChinaDays(1, now)[0]!;
  const submissions: Figures['submissions'] = new Map();
  const ratings = [0, 0, 0, 0, 0];
  for (const row of store.usageSince(today)) {
    if (row.day !== today) continue;
    const body = JSON.parse(row.body) as UsageBody;
    for (const s of body.submissions ?? []) {
      const service = services.has(s.serviceCode) ? s.serviceCode : OTHER;
      const channel = s.channel === 'kiosk' || s.channel === 'helper' ? s.channel : OTHER;
      const key = `${channel}\n${service}`;
      const acc = submissions.get(key) ?? { channel, service, count: 0, noVisit: 0 };
      acc.count += s.count;
      acc.noVisit += s.noVisit;
      submissions.set(key, acc);
    }
    for (const r of body.ratings ?? []) if (r.rating >= 1 && r.rating <= 5) ratings[r.rating - 1]! += r.count;
  }
  return { now, terminals, submissions, ratings };
}

export class FleetMetrics {
  /** Prometheus text format 0.0.4 and OpenMetrics 1.0: the same metrics in two registries. */
  private readonly text = new Registry();
  private readonly openMetrics = new Registry<typeof Registry.OPENMETRICS_CONTENT_TYPE>();
  private current: Figures | null = null;
  private readonly parsed: ParsedCache = new Map();

  constructor(
    private readonly store: CentralStore,
    private readonly now: () => number = Date.now,
  ) {
    this.openMetrics.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
    const registers = [this.text, this.openMetrics];
    const fig = () => {
      if (!this.current) throw new Error('fleet metrics collected outside a scrape');
      return this.current;
    };
    const live = () => fig().terminals.filter((t) => t.heartbeat && !t.flags.includes('silent'));
    // Each gauge is computed from the scrape's snapshot when a registry collects it.
    const gauge = <L extends string>(name: string, help: string, labelNames: L[], collect: (g: Gauge<L>) => void) =>
      new Gauge({
        name,
        help,
        labelNames,
        registers,
        collect() {
          collect(this);
        },
      });

    gauge('kiosk_fleet_terminals', 'Registered, enabled terminals by health (worst condition wins: never_reported, silent, down, degraded, ok).', ['health'], (g) => {
      const counts = new Map<TerminalHealth, number>(TERMINAL_HEALTH.map((h) => [h, 0]));
      for (const t of fig().terminals) counts.set(healthOf(t), counts.get(healthOf(t))! + 1);
      for (const [health, n] of counts) g.set({ health }, n);
    });
    gauge('kiosk_fleet_terminal_heartbeat_age_seconds', 'Seconds since each terminal’s latest heartbeat (absent for a terminal that never reported).', ['terminal'], (g) => {
      g.reset();
      for (const t of fig().terminals) if (t.secondsSinceLast !== null) g.set({ terminal: t.terminalId }, t.secondsSinceLast);
    });
    gauge('kiosk_fleet_terminal_silent', '1 when the terminal has not reported for 3 of its heartbeat intervals.', ['terminal'], (g) => {
      g.reset();
      for (const t of fig().terminals) if (t.heartbeat) g.set({ terminal: t.terminalId }, t.flags.includes('silent') ? 1 : 0);
    });
    gauge(
      'kiosk_fleet_devices_down',
      'One series, value 1, per device that cannot serve citizens (health offline), by terminal and device kind, from terminals still reporting; no series for working devices.',
      ['terminal', 'device'],
      (g) => {
        g.reset();
        for (const t of live())
          for (const d of t.heartbeat!.devices) if (d.health === 'offline') g.inc({ terminal: t.terminalId, device: (DEVICE_KINDS as readonly string[]).includes(d.device) ? d.device : OTHER });
      },
    );
    gauge('kiosk_fleet_receipt_paper', 'Receipt printer paper by terminal: one series, value 1, labelled with the state it reports (ok, near_end, out).', ['terminal', 'state'], (g) => {
      g.reset();
      for (const t of live()) {
        const printer = t.heartbeat!.devices.find((d) => d.device === 'receipt-printer');
        if (!printer) continue;
        g.set({ terminal: t.terminalId, state: t.flags.includes('paper-out') ? 'out' : printer.paper === 'near-end' ? 'near_end' : 'ok' }, 1);
      }
    });
    gauge('kiosk_fleet_queue_pending', 'Submissions waiting in the offline queue of each terminal still reporting.', ['terminal'], (g) => {
      g.reset();
      for (const t of live()) g.set({ terminal: t.terminalId }, t.heartbeat!.queue.pending);
    });
    gauge('kiosk_fleet_queue_dead', 'Submissions central refused for good (dead letters) still held by each terminal.', ['terminal'], (g) => {
      g.reset();
      for (const t of live()) g.set({ terminal: t.terminalId }, t.heartbeat!.queue.dead);
    });
    gauge(
      'kiosk_fleet_queue_unsynced_age_seconds',
      'While a terminal has submissions pending, seconds since its last successful sync (since its heartbeat when it never synced); 0 with an empty queue. The heartbeat carries the last sync time, not each submission’s: this is how long the backlog has gone unserved.',
      ['terminal'],
      (g) => {
        g.reset();
        const now = fig().now;
        for (const t of live()) {
          const hb = t.heartbeat!;
          const since = hb.queue.lastSyncAt ? Date.parse(hb.queue.lastSyncAt) : Date.parse(hb.sentAt);
          g.set({ terminal: t.terminalId }, hb.queue.pending > 0 ? Math.max(0, Math.round((now - since) / 1000)) : 0);
        }
      },
    );
    gauge('kiosk_fleet_sync_state', 'Terminals still reporting, by the state of their sync with central (offline, backoff and auth-failed are sync errors).', ['state'], (g) => {
      const counts = new Map<string, number>([...SYNC_STATES, OTHER].map((s) => [s, 0]));
      for (const t of live()) {
        const s = (SYNC_STATES as readonly string[]).includes(t.heartbeat!.queue.state) ? t.heartbeat!.queue.state : OTHER;
        counts.set(s, counts.get(s)! + 1);
      }
      for (const [state, n] of counts) g.set({ state }, n);
    });
    gauge('kiosk_fleet_release', 'Terminals that reported within 3 intervals, by the release version they run.', ['version'], (g) => {
      g.reset();
      for (const t of live()) g.inc({ version: VERSION_LABEL.test(t.heartbeat!.version) ? t.heartbeat!.version : OTHER });
    });
    gauge(
      'kiosk_fleet_update_state',
      'The signed update step each terminal reports (1 for its current step): idle, downloading … done, rolled-back, refused. Absent for terminals without the updater.',
      ['terminal', 'state'],
      (g) => {
        g.reset();
        for (const t of live()) {
          const u = t.heartbeat!.update;
          if (u) g.set({ terminal: t.terminalId, state: (UPDATE_STEPS as readonly string[]).includes(u.step) ? u.step : OTHER }, 1);
        }
      },
    );
    gauge('kiosk_fleet_config_version', 'The remote configuration version in force on each terminal, per scope (group, terminal); absent until one was applied.', ['terminal', 'scope'], (g) => {
      g.reset();
      for (const t of live()) {
        const applied = t.heartbeat!.config?.applied;
        if (applied?.group != null) g.set({ terminal: t.terminalId, scope: 'group' }, applied.group);
        if (applied?.terminal != null) g.set({ terminal: t.terminalId, scope: 'terminal' }, applied.terminal);
      }
    });
    gauge('kiosk_fleet_config_drift', '1 when a technician changed a remotely set configuration field on the terminal (drift), 0 otherwise.', ['terminal'], (g) => {
      g.reset();
      for (const t of live()) if (t.heartbeat!.config) g.set({ terminal: t.terminalId }, t.heartbeat!.config.drift ? 1 : 0);
    });
    gauge(
      'kiosk_fleet_submissions_today',
      'Submissions today (China time) by channel (kiosk, helper) and service code of the published catalog, as the terminals report them.',
      ['channel', 'service'],
      (g) => {
        g.reset();
        for (const s of fig().submissions.values()) g.set({ channel: s.channel, service: s.service }, s.count);
      },
    );
    gauge('kiosk_fleet_submissions_no_visit_today', 'Of today’s submissions, those the citizen will not need to visit a counter for (不见面), by channel and service.', ['channel', 'service'], (g) => {
      g.reset();
      for (const s of fig().submissions.values()) g.set({ channel: s.channel, service: s.service }, s.noVisit);
    });
    gauge('kiosk_fleet_ratings_today', 'Service ratings given at the terminals today (China time), by stars (1 to 5).', ['rating'], (g) => {
      fig().ratings.forEach((n, i) => g.set({ rating: String(i + 1) }, n));
    });
  }

  /** The exposition for an Accept header: OpenMetrics when the scraper asks for it, else the text format. */
  async scrape(accept: string | undefined): Promise<{ contentType: string; body: string }> {
    const registry = accept?.includes('application/openmetrics-text') ? this.openMetrics : this.text;
    // collect callbacks run synchronously at the start of metrics(), so one scrape sees one snapshot
    this.current = figures(this.store, this.now(), this.parsed);
    try {
      return { contentType: registry.contentType, body: await registry.metrics() };
    } finally {
      this.current = null;
    }
  }
}
