// The terminal panel of maintenance mode: identity, software versions, network and disk.
import os from 'node:os';
import type { BackendContext } from '../context';
import { diskUse } from '../health/disk-use';

export function networkInterfaces(): { name: string; address: string; family: string }[] {
  return Object.entries(os.networkInterfaces()).flatMap(([name, list]) => (list ?? []).filter((i) => !i.internal).map((i) => ({ name, address: i.address, family: i.family })));
}

/** Whether central answers now (its health endpoint), with the round trip, or the link's own reason (English, for the technician). */
export async function centralReachable(ctx: BackendContext): Promise<{ reachable: boolean; ms: number | null; detail: string | null }> {
  const t = Date.now();
  const r = await ctx.queue.client.call('health', { timeoutMs: 5000 });
  if (r.ok) return { reachable: true, ms: Date.now() - t, detail: null };
  return { reachable: false, ms: null, detail: r.failure.message };
}

/** 帮办代办: how many helpers could sign in here offline right now (unexpired tickets) — a count, no names. */
export function helperTicketFacts(ctx: BackendContext): { held: number } {
  return { held: ctx.helpers.tickets.held() };
}

export async function terminalInfo(ctx: BackendContext, dataDir: string) {
  return {
    terminalId: ctx.config.terminalId,
    hallName: ctx.config.hallName,
    versions: {
      app: ctx.version,
      node: process.versions.node,
      electron: process.versions.electron ?? null,
      chromium: process.versions.chrome ?? null,
      schema: ctx.store.opened.schemaVersion,
      catalog: ctx.catalog.catalog?.version ?? null,
    },
    bootId: ctx.bootId,
    startedAt: ctx.startedAt.toISOString(),
    network: { interfaces: networkInterfaces(), central: await centralReachable(ctx) },
    disk: diskUse(dataDir),
    helperTickets: helperTicketFacts(ctx),
    atRestKey: ctx.maintenance.deps.atRestKey ?? null,
    /** the update's last step and, when refused or rolled back, its reason code */
    update: ctx.fleet.updater?.heartbeat() ?? null,
    /** the remote configuration versions applied, drift and the last refusal */
    remoteConfig: ctx.fleet.remoteConfig?.heartbeat() ?? null,
    /** the speech service's status (the maintenance screen words it) */
    speech: ctx.speech.status(),
  };
}
