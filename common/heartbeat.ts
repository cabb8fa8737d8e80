// What a kiosk reports to central every heartbeatSec seconds: device health, consumables, the
// queue, its version, and non-personal usage aggregates. Central validates it with this schema,
// the kiosk builds it with the same types, and central's OpenAPI document is generated from it.
import { z } from 'zod';
import { heartbeatConfigSchema, heartbeatUpdateSchema } from './fleet-updates';
import { suiteTagSchema } from './crypto-suite/suite';
import { lazySchema } from './lazy-schema';

// Every schema here is a lazySchema: the kiosk sends heartbeats but never parses one, and a
// production restart built them all at load (--cpu-prof, bench/README.md, foundation.bench.ts).

const day = lazySchema(() => z.iso.date());
const count = lazySchema(() => z.number().int().min(0).max(10_000_000));

/**
 * A device's status with the parameters its state carries (why it is offline, CUPS's reason, the
 * SAM's status word): central words it from common/device-words.ts, as the kiosk's screen does.
 */
const heartbeatDeviceStatusSchema = lazySchema(() =>
  z.object({
    state: z.string().max(40),
    reason: z.string().max(40).optional(),
    detail: z.string().max(300).optional(),
    sw3: z.number().int().min(0).max(0xff).optional(),
    paperNearEnd: z.boolean().optional(),
  }),
);
export type HeartbeatDeviceStatus = z.infer<typeof heartbeatDeviceStatusSchema>;

export const heartbeatDeviceSchema = lazySchema(() =>
  z.object({
    device: z.string().regex(/^[a-z0-9-]{2,40}$/),
    health: z.enum(['ok', 'degraded', 'offline']),
    state: z.string().max(40),
    /** since contract 1.1; absent from older terminals, which send `message` instead */
    status: heartbeatDeviceStatusSchema.optional(),
    /** the sentence terminals before contract 1.1 built themselves; kept for them, never sent now */
    message: z.string().max(300).optional(),
    paper: z.enum(['ok', 'near-end', 'out']).nullable(),
    heldJobs: count.nullable(),
  }),
);

/** Aggregates by China day: no receipt numbers, names or ids, only counts. */
export const usageReportSchema = lazySchema(() =>
  z.object({
    days: z.array(day).max(14),
    submissions: z.array(z.object({ day, serviceCode: z.string().max(40), channel: z.enum(['kiosk', 'helper']), count, noVisit: count })).max(2000),
    steps: z.array(z.object({ day, journey: z.string().max(32), step: z.string().max(32), reached: count, abandoned: count })).max(2000),
    ratings: z.array(z.object({ day, rating: z.number().int().min(1).max(5), count })).max(200),
  }),
);
export type UsageReport = z.infer<typeof usageReportSchema>;

export const heartbeatSchema = lazySchema(() =>
  z.object({
    sentAt: z.iso.datetime({ offset: true }),
    intervalSec: z.number().int().min(1).max(3600),
    version: z.string().max(40),
    bootId: z.string().max(64),
    catalogVersion: z.string().max(64).nullable(),
    devices: z.array(heartbeatDeviceSchema).max(10),
    queue: z.object({
      state: z.string().max(20),
      pending: count,
      sent: count,
      dead: count,
      lastSyncAt: z.iso.datetime({ offset: true }).nullable(),
    }),
    disk: z.object({ freeBytes: z.number().min(0), totalBytes: z.number().min(0) }).nullable(),
    usage: usageReportSchema.nullable(),
    /** update progress (signed staged updates); absent from terminals older than the updater */
    update: heartbeatUpdateSchema.nullable().default(null),
    /** remote configuration version applied and local drift; absent from older terminals */
    config: heartbeatConfigSchema.nullable().default(null),
    /** The crypto suite this terminal runs (config `crypto.suite`); absent from terminals before issue 16. */
    cryptoSuite: suiteTagSchema.optional(),
  }),
);
export type Heartbeat = z.infer<typeof heartbeatSchema>;

export const heartbeatResponseSchema = lazySchema(() => z.object({ ok: z.literal(true), receivedAt: z.string() }));
