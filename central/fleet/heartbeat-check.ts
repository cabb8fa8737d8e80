// A hand-written check of a heartbeat body (the output of JSON.parse), accepting exactly what
// `heartbeatSchema` (common/heartbeat.ts) accepts and returning what it returns: unknown keys
// dropped, keys in the schema's order, `update` and `config` defaulted to null. It answers
// `undefined` for anything the schema refuses, and the caller then runs the schema itself, so a
// refusal keeps the schema's issues word for word. Why: `--cpu-prof` of central under
// bench/fleet.bench.ts put zod's parse of the heartbeat at ~10% of central's time, the largest
// cost of a heartbeat after the HTTP work every request pays. The rarely sent `update` and
// `config` parts stay with their zod schemas. `heartbeat-check.property.test.ts` holds the two
// to the same answers on valid, mutated and random bodies.
import { z } from 'zod';
import { heartbeatConfigSchema, heartbeatUpdateSchema } from '../../common/fleet-updates';
import type { Heartbeat, HeartbeatDeviceStatus, UsageReport } from '../../common/heartbeat';

type Json = Record<string, unknown>;
type Device = Heartbeat['devices'][number];

// The very patterns zod's z.iso.date() and z.iso.datetime({ offset: true }) test with.
const DATE = z.regexes.date;
const DATETIME = z.regexes.datetime({ offset: true });
const DEVICE_NAME = /^[a-z0-9-]{2,40}$/;
const MAX_COUNT = 10_000_000;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const isInt = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const isCount = (v: unknown): v is number => isInt(v, 0, MAX_COUNT);
const isDate = (v: unknown): v is string => typeof v === 'string' && DATE.test(v);
const isDateTime = (v: unknown): v is string => typeof v === 'string' && DATETIME.test(v);
const isSize = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

function deviceStatus(v: unknown): HeartbeatDeviceStatus | undefined {
  if (!isObject(v) || !isText(v.state, 40)) return undefined;
  const out: HeartbeatDeviceStatus = { state: v.state };
  if (v.reason !== undefined) {
    if (!isText(v.reason, 40)) return undefined;
    out.reason = v.reason;
  }
  if (v.detail !== undefined) {
    if (!isText(v.detail, 300)) return undefined;
    out.detail = v.detail;
  }
  if (v.sw3 !== undefined) {
    if (!isInt(v.sw3, 0, 0xff)) return undefined;
    out.sw3 = v.sw3;
  }
  if (v.paperNearEnd !== undefined) {
    if (typeof v.paperNearEnd !== 'boolean') return undefined;
    out.paperNearEnd = v.paperNearEnd;
  }
  return out;
}

function device(v: unknown): Device | undefined {
  if (!isObject(v)) return undefined;
  const { device: name, health, state, paper, heldJobs } = v;
  if (typeof name !== 'string' || !DEVICE_NAME.test(name)) return undefined;
  if (health !== 'ok' && health !== 'degraded' && health !== 'offline') return undefined;
  if (!isText(state, 40)) return undefined;
  if (paper !== null && paper !== 'ok' && paper !== 'near-end' && paper !== 'out') return undefined;
  if (heldJobs !== null && !isCount(heldJobs)) return undefined;
  // Built in the schema's key order (status and message before paper), as zod returns it.
  const out = { device: name, health, state } as Device;
  if (v.status !== undefined) {
    const status = deviceStatus(v.status);
    if (!status) return undefined;
    out.status = status;
  }
  if (v.message !== undefined) {
    if (!isText(v.message, 300)) return undefined;
    out.message = v.message;
  }
  out.paper = paper;
  out.heldJobs = heldJobs;
  return out;
}

/** Each element through `item`, or undefined if the value is not an array of at most `max` that all pass. */
function arrayOf<T>(v: unknown, max: number, item: (e: unknown) => T | undefined): T[] | undefined {
  if (!Array.isArray(v) || v.length > max) return undefined;
  const out: T[] = new Array<T>(v.length);
  for (let i = 0; i < v.length; i++) {
    const e = item(v[i]);
    if (e === undefined) return undefined;
    out[i] = e;
  }
  return out;
}

const usageDay = (v: unknown) => (isDate(v) ? v : undefined);

function submission(v: unknown): UsageReport['submissions'][number] | undefined {
  if (!isObject(v)) return undefined;
  const { day, serviceCode, channel, count, noVisit } = v;
  if (!isDate(day) || !isText(serviceCode, 40) || (channel !== 'kiosk' && channel !== 'helper') || !isCount(count) || !isCount(noVisit)) return undefined;
  return { day, serviceCode, channel, count, noVisit };
}

function step(v: unknown): UsageReport['steps'][number] | undefined {
  if (!isObject(v)) return undefined;
  const { day, journey, step: name, reached, abandoned } = v;
  if (!isDate(day) || !isText(journey, 32) || !isText(name, 32) || !isCount(reached) || !isCount(abandoned)) return undefined;
  return { day, journey, step: name, reached, abandoned };
}

function rating(v: unknown): UsageReport['ratings'][number] | undefined {
  if (!isObject(v)) return undefined;
  const { day, rating: stars, count } = v;
  if (!isDate(day) || !isInt(stars, 1, 5) || !isCount(count)) return undefined;
  return { day, rating: stars, count };
}

function usage(v: unknown): UsageReport | undefined {
  if (!isObject(v)) return undefined;
  const days = arrayOf(v.days, 14, usageDay);
  const submissions = days && arrayOf(v.submissions, 2000, submission);
  const steps = submissions && arrayOf(v.steps, 2000, step);
  const ratings = steps && arrayOf(v.ratings, 200, rating);
  return ratings && { days: days!, submissions: submissions!, steps: steps!, ratings };
}

function queue(v: unknown): Heartbeat['queue'] | undefined {
  if (!isObject(v)) return undefined;
  const { state, pending, sent, dead, lastSyncAt } = v;
  if (!isText(state, 20) || !isCount(pending) || !isCount(sent) || !isCount(dead) || (lastSyncAt !== null && !isDateTime(lastSyncAt))) return undefined;
  return { state, pending, sent, dead, lastSyncAt };
}

function disk(v: unknown): Heartbeat['disk'] | undefined {
  if (v === null) return null;
  if (!isObject(v) || !isSize(v.freeBytes) || !isSize(v.totalBytes)) return undefined;
  return { freeBytes: v.freeBytes, totalBytes: v.totalBytes };
}

/** A nullable part with a default of null, checked by its own (small, rarely sent) schema. */
function nullablePart<T>(v: unknown, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }): T | null | undefined {
  if (v === undefined || v === null) return null;
  const r = schema.safeParse(v);
  return r.success ? r.data : undefined;
}

/** The heartbeat as `heartbeatSchema.parse` would return it, or undefined where it would throw. */
export function checkHeartbeat(v: unknown): Heartbeat | undefined {
  if (!isObject(v)) return undefined;
  const { sentAt, intervalSec, version, bootId, catalogVersion, cryptoSuite } = v;
  if (!isDateTime(sentAt) || !isInt(intervalSec, 1, 3600) || !isText(version, 40) || !isText(bootId, 64)) return undefined;
  if (catalogVersion !== null && !isText(catalogVersion, 64)) return undefined;
  if (cryptoSuite !== undefined && cryptoSuite !== 'international' && cryptoSuite !== 'sm') return undefined;
  const devices = arrayOf(v.devices, 10, device);
  const q = devices && queue(v.queue);
  const d = q && disk(v.disk);
  if (d === undefined) return undefined;
  const u = v.usage === null ? null : usage(v.usage);
  if (u === undefined) return undefined;
  const update = nullablePart(v.update, heartbeatUpdateSchema);
  const config = update === undefined ? undefined : nullablePart(v.config, heartbeatConfigSchema);
  if (update === undefined || config === undefined) return undefined;
  const out: Heartbeat = { sentAt, intervalSec, version, bootId, catalogVersion, devices: devices!, queue: q!, disk: d, usage: u, update, config };
  if (cryptoSuite !== undefined) out.cryptoSuite = cryptoSuite;
  return out;
}
