// The terminal panel of maintenance mode: identity, software versions, network and disk.
import fs from 'node:fs';
import os from 'node:os';
import type { BackendContext } from '../context';

export interface DiskUse {
  path: string;
  totalBytes: number;
  freeBytes: number;
  usedShare: number;
}

export function diskUse(dir: string): DiskUse | null {
  try {
    const s = fs.statfsSync(dir);
    const total = s.blocks * s.bsize;
    const free = s.bavail * s.bsize;
    return { path: dir, totalBytes: total, freeBytes: free, usedShare: total ? Math.round(((total - free) / total) * 1000) / 1000 : 0 };
  } catch {
    return null;
  }
}

export function networkInterfaces(): { name: string; address: string; family: string }[] {
  return Object.entries(os.networkInterfaces()).flatMap(([name, list]) =>
    (list ?? []).filter((i) => !i.internal).map((i) => ({ name, address: i.address, family: i.family })),
  );
}

/** Whether central answers now (its health endpoint), with the round trip. */
export async function centralReachable(ctx: BackendContext): Promise<{ reachable: boolean; ms: number | null; message: string }> {
  const t = Date.now();
  const r = await ctx.queue.client.call('health', { timeoutMs: 5000 });
  if (r.ok) return { reachable: true, ms: Date.now() - t, message: '中心系统可达 / central reachable' };
  return { reachable: false, ms: null, message: r.failure.message };
}

/** 帮办代办: how many helpers could sign in here offline right now (unexpired tickets) — a count, no names. */
export function helperTicketFacts(ctx: BackendContext): { held: number } {
  return { held: ctx.helpers.tickets.held() };
}

/** Where the outbox key lives this boot. A plain-file fallback is shown, not hidden. */
export interface AtRestKeyFacts {
  keystore: 'safeStorage' | 'libsecret' | 'file' | 'static';
  /** Why the key sits in a 0600 file beside the data; null when a keystore holds it. */
  fallbackReason: string | null;
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
  };
}
