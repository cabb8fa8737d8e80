// Keeps this terminal's copy of central's staff (helper) registry: a signed pull with
// If-None-Match, validated, cached in the store (migration 7) so helpers sign in offline.
import { staffRegistrySchema, type StaffRegistry } from '../../../common/staff-registry';
import type { HelperTables } from '../../../offline-queue/store/helper-tables';
import type { CentralClient } from '../../../offline-queue/sync/central-client';
import type { Logger } from '../log/logger';

export type RegistryOutcome =
  | { kind: 'updated'; version: string; count: number }
  | { kind: 'unchanged'; version: string }
  /** central has no registry yet (nobody enrolled) */
  | { kind: 'absent' }
  | { kind: 'failed'; message: string };

export class StaffRegistrySync {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<RegistryOutcome> | null = null;

  constructor(
    private readonly deps: { tables: HelperTables; client: CentralClient; logger: Logger },
  ) {}

  /** The cached registry (null before the first successful pull). */
  current(): { registry: StaffRegistry; fetchedAt: string } | null {
    const c = this.deps.tables.registry();
    return c ? { registry: c.registry, fetchedAt: c.fetchedAt } : null;
  }

  /** Pulls now; a call during a pull waits for it and pulls again, so it sees what central has now. */
  refresh(): Promise<RegistryOutcome> {
    const next = (this.running ?? Promise.resolve()).catch(() => undefined).then(() => this.pull());
    this.running = next;
    void next.finally(() => {
      if (this.running === next) this.running = null;
    });
    return next;
  }

  private async pull(): Promise<RegistryOutcome> {
    const { tables, client, logger } = this.deps;
    const cached = tables.registry();
    const r = await client.call('staffRegistry', { headers: cached ? { 'If-None-Match': cached.etag } : {}, timeoutMs: 10_000 });
    if (!r.ok) {
      if (r.failure.kind === 'rejected' && r.failure.status === 404) return { kind: 'absent' };
      logger.log('helper.registry.failed', { reason: r.failure.kind, message: r.failure.message });
      return { kind: 'failed', message: r.failure.message };
    }
    if (r.status === 304 && cached) {
      tables.touchRegistry();
      return { kind: 'unchanged', version: cached.registry.version };
    }
    const parsed = staffRegistrySchema.safeParse(r.body);
    if (!parsed.success) {
      // A broken registry never replaces a good one: helpers keep signing in with the cache.
      logger.log('helper.registry.failed', { reason: 'invalid', message: parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
      return { kind: 'failed', message: '帮办人员名册格式不正确 / the staff registry from central is malformed' };
    }
    tables.putRegistry(parsed.data, r.headers.get('etag') ?? `"${parsed.data.version}"`);
    logger.log('helper.registry.updated', { version: parsed.data.version, count: parsed.data.staff.length });
    return { kind: 'updated', version: parsed.data.version, count: parsed.data.staff.length };
  }

  start(everySec: number): void {
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), everySec * 1000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }
}
