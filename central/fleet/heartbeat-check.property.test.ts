// The heartbeat's hand-written check (heartbeat-check.ts) and its zod schema must give the same
// answer on every body: the same refusals, and on acceptance the same value (unknown keys
// dropped, defaults filled, keys in the same order — what central stores is its JSON). Bodies:
// generated from the schema, a sample terminal's with one value anywhere replaced by an edge
// value (lengths and numbers at and past each bound, wrong types, dates that do not exist),
// deleted or joined by an unknown key, and any JSON at all.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { heartbeatSchema } from '../../common/heartbeat';
import { arbitraryOf, invalidOf, type JsonSchema } from '../test-support/schema-arbitrary';
import { checkHeartbeat } from './heartbeat-check';
import { sampleHeartbeat } from './sample-heartbeat';

const RUNS = Number(process.env.HEARTBEAT_PROPERTY_RUNS ?? 1000);

/** Both answers for a body as it arrives: the output of JSON.parse. */
function both(body: unknown) {
  const json: unknown = JSON.parse(JSON.stringify(body) ?? 'null');
  const schema = heartbeatSchema.safeParse(json);
  const fast = checkHeartbeat(json);
  return { schema, fast };
}

function expectSame(body: unknown): boolean {
  const { schema, fast } = both(body);
  // Worded only on a mismatch: this runs some 20,000 times.
  if ((fast !== undefined) !== schema.success) expect.fail(`schema ${schema.success ? 'accepts' : 'refuses'}, hand-written check does not: ${JSON.stringify(body)}`);
  if (schema.success && JSON.stringify(fast) !== JSON.stringify(schema.data)) expect(fast).toStrictEqual(schema.data);
  return schema.success;
}

const text = (n: number) => 'x'.repeat(n);
/** Values at and just past the schema's bounds, and of the wrong kind. */
const EDGES: unknown[] = [
  null,
  true,
  false,
  [],
  {},
  [{}],
  '',
  text(2),
  text(20),
  text(21),
  text(32),
  text(33),
  text(40),
  text(41),
  text(60),
  text(61),
  text(64),
  text(65),
  text(300),
  text(301),
  'ok',
  'degraded',
  'offline',
  'near-end',
  'out',
  'kiosk',
  'helper',
  'international',
  'sm',
  'group',
  'SCANNER',
  'x',
  'a_b',
  '2026-12-03',
  '2026-02-29',
  '2024-02-29',
  '2026-13-01',
  '2026-12-03T10:00:00Z',
  '2026-12-03T10:00:00.123+08:00',
  '2026-12-03T10:00:00+24:00',
  '2026-12-03T10:00',
  '2026-12-03 10:00:00Z',
  -1,
  -0,
  0,
  1,
  0.5,
  5,
  6,
  255,
  256,
  3600,
  3601,
  1e7,
  1e7 + 1,
  2 ** 53,
  1e300,
];

type Path = (string | number)[];

/** Every path to a value inside a JSON value (the root excluded). */
function paths(v: unknown, prefix: Path = []): Path[] {
  if (typeof v !== 'object' || v === null) return [];
  const keys: (string | number)[] = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
  return keys.flatMap((k) => [[...prefix, k], ...paths((v as Record<string | number, unknown>)[k], [...prefix, k])]);
}

type Mutation = { kind: 'set'; value: unknown } | { kind: 'delete' } | { kind: 'extra'; key: string; value: unknown };

function mutate(body: unknown, at: Path, m: Mutation): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let parent: Record<string | number, unknown> = copy;
  for (const k of at.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  const last = at[at.length - 1]!;
  if (m.kind === 'set') parent[last] = m.value;
  else if (m.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else {
    const target = parent[last];
    if (target && typeof target === 'object' && !Array.isArray(target)) (target as Record<string, unknown>)[m.key] = m.value;
    else parent[last] = m.value;
  }
  return copy;
}

/** A terminal's heartbeat as sent, in its variants (faults, statistics or not, update and config parts, older terminals). */
const sampleBody = fc
  .record({
    paper: fc.constantFrom('ok' as const, 'near-end' as const, 'out' as const),
    scannerOffline: fc.boolean(),
    usage: fc.boolean(),
    update: fc.boolean(),
    config: fc.boolean(),
    suite: fc.constantFrom(undefined, 'international' as const, 'sm' as const),
    message: fc.boolean(),
  })
  .map((o) => {
    const hb: Record<string, unknown> = sampleHeartbeat({
      at: Date.parse('2026-12-03T02:00:00Z'),
      paper: o.paper,
      scannerOffline: o.scannerOffline,
      update: o.update ? { step: 'downloading', current: '0.1.0', target: '0.2.0', reason: null, message: '', at: '2026-12-03T01:59:00.000Z' } : null,
      config: o.config ? { applied: { group: 3, terminal: null }, drift: true, driftFields: ['heartbeatSec'], refused: null } : null,
    });
    if (!o.usage) hb.usage = null;
    if (o.suite) hb.cryptoSuite = o.suite;
    if (o.message) (hb.devices as Record<string, unknown>[])[1]!.message = '打印机缺纸';
    return hb;
  });

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constantFrom(...EDGES).map((value) => ({ kind: 'set' as const, value })),
  fc.constant({ kind: 'delete' as const }),
  // Unknown keys, and the optional ones (which the sample seldom carries) with edge values.
  fc
    .tuple(fc.constantFrom('extra', '__proto__', 'constructor', 'status', 'reason', 'detail', 'sw3', 'paperNearEnd', 'message', 'cryptoSuite', 'update', 'config'), fc.constantFrom(...EDGES))
    .map(([key, value]) => ({ kind: 'extra' as const, key, value })),
);

const mutatedBody = fc
  // Unbiased: fast-check's usual bias to small numbers would keep to the first few paths.
  .tuple(sampleBody, fc.noBias(fc.integer({ min: 0, max: 2 ** 30 })), fc.array(mutation, { minLength: 1, maxLength: 2 }))
  .map(([body, pick, ms]) =>
    ms.reduce((b, m, i) => {
      const all = paths(b);
      return all.length ? mutate(b, all[(pick + i * 7919) % all.length]!, m) : b;
    }, body as unknown),
  );

/** A heartbeat carrying every optional part, so that each has a path to replace. */
function fullSample(): Record<string, unknown> {
  const hb: Record<string, unknown> = sampleHeartbeat({
    at: Date.parse('2026-12-03T02:00:00Z'),
    update: { step: 'refused', current: '0.1.0', target: '0.2.0', reason: 'tampered', message: 'x', at: '2026-12-03T01:59:00.000+08:00' },
    config: { applied: { group: 3, terminal: 2 }, drift: true, driftFields: ['heartbeatSec'], refused: { scope: 'group', version: 4, reason: 'older', message: 'x' } },
  });
  hb.cryptoSuite = 'sm';
  (hb.devices as Record<string, unknown>[])[0] = {
    device: 'id-card-reader',
    health: 'degraded',
    state: 'sam-error',
    status: { state: 'sam-error', reason: 'sam', detail: 'x', sw3: 0x90, paperNearEnd: false },
    message: 'x',
    paper: null,
    heldJobs: null,
  };
  return hb;
}

/** The schema's longest arrays, by name. */
const MAX_ITEMS: Record<string, number> = { devices: 10, days: 14, submissions: 2000, steps: 2000, ratings: 200, driftFields: 40 };

describe('the hand-written heartbeat check', () => {
  it('gives the schema’s answer for every value of a full heartbeat replaced by each edge value, deleted, or its array at each bound', () => {
    const full = fullSample();
    expect(expectSame(full)).toBe(true);
    let refused = 0;
    for (const at of paths(full)) {
      for (const value of EDGES) if (!expectSame(mutate(full, at, { kind: 'set', value }))) refused++;
      expectSame(mutate(full, at, { kind: 'delete' }));
      const target = at.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], full);
      const max = MAX_ITEMS[at[at.length - 1]!];
      if (Array.isArray(target) && target.length && max !== undefined)
        for (const n of [0, max, max + 1]) expectSame(mutate(full, at, { kind: 'set', value: Array.from({ length: n }, () => target[0]) }));
      if (target && typeof target === 'object' && !Array.isArray(target))
        for (const key of ['extra', '__proto__', ...Object.keys(target)]) for (const value of EDGES.slice(0, 8)) expectSame(mutate(full, at, { kind: 'extra', key, value }));
    }
    expect(refused).toBeGreaterThan(1000);
    // Some 10,000 bodies through both checks: a few seconds, more on a loaded CI core.
  }, 60_000);

  it('accepts what a terminal sends, as the schema returns it', () => {
    fc.assert(
      fc.property(sampleBody, (body) => {
        expect(expectSame(body)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('gives the schema’s answer when one value anywhere is an edge value, missing or joined by an unknown key', () => {
    const seen = { accepted: 0, refused: 0 };
    fc.assert(
      fc.property(mutatedBody, (body) => {
        seen[expectSame(body) ? 'accepted' : 'refused']++;
      }),
      { numRuns: RUNS },
    );
    // Both answers must occur often, or the property says little.
    expect(seen.accepted).toBeGreaterThan(RUNS / 10);
    expect(seen.refused).toBeGreaterThan(RUNS / 10);
  });

  it('gives the schema’s answer on bodies generated from the schema, broken ones and any JSON', () => {
    const json = z.toJSONSchema(heartbeatSchema, { io: 'input' }) as JsonSchema;
    fc.assert(
      fc.property(fc.oneof(arbitraryOf(json), invalidOf(json)), (body) => {
        expectSame(body);
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses a body the schema refuses even when the rest is perfect: one bound past at each level', () => {
    const hb = sampleHeartbeat({ at: Date.parse('2026-12-03T02:00:00Z') });
    const past: [Path, unknown][] = [
      [['intervalSec'], 3601],
      [['devices', 0, 'device'], 'ID-reader'],
      [['devices', 1, 'status', 'sw3'], 256],
      [['queue', 'pending'], -1],
      [['queue', 'lastSyncAt'], '2026-12-03T10:00:00'],
      [['disk', 'freeBytes'], -0.5],
      [['usage', 'days', 0], '2026-02-29'],
      [['usage', 'ratings', 0, 'rating'], 6],
      [['usage', 'steps', 0, 'journey'], text(33)],
    ];
    for (const [at, value] of past) {
      const { schema, fast } = both(mutate(hb, at, { kind: 'set', value }));
      expect(schema.success, at.join('.')).toBe(false);
      expect(fast, at.join('.')).toBeUndefined();
    }
  });
});
