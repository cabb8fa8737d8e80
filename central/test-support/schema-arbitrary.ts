// fast-check arbitraries from the JSON Schemas of the OpenAPI document: values that fit a
// schema (for the property-based contract pass), kept small so a run stays fast. Covers what
// z.toJSONSchema emits: type, const, enum, anyOf/oneOf, properties/required, additionalProperties,
// items with min/maxItems, pattern, min/maxLength, minimum/maximum.
import fc from 'fast-check';

export type JsonSchema = {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
};

const MAX_EXTRA_ITEMS = 2;
const MAX_STRING = 24;

function integer(min = -1_000_000, max = 1_000_000): fc.Arbitrary<number> {
  const lo = Math.max(min, -(2 ** 31));
  const hi = Math.min(max, 2 ** 31 - 1);
  return lo <= hi ? fc.oneof(fc.integer({ min: lo, max: hi }), fc.constantFrom(min, max)) : fc.constantFrom(min, max);
}

function string(s: JsonSchema): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = Math.max(min, Math.min(s.maxLength ?? MAX_STRING, min + MAX_STRING));
  if (s.pattern) {
    const arb = fc.stringMatching(new RegExp(s.pattern));
    return s.minLength !== undefined || s.maxLength !== undefined ? arb.filter((v) => [...v].length >= min && [...v].length <= (s.maxLength ?? Infinity)) : arb;
  }
  return fc.string({ minLength: min, maxLength: max, unit: fc.oneof(fc.constantFrom('a', '1', '-', '张', '.', ' ', '/', '\u202e'), fc.string({ minLength: 1, maxLength: 1, unit: 'binary' })) });
}

export function arbitraryOf(s: JsonSchema | boolean | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (s === undefined || s === true || (typeof s === 'object' && Object.keys(s).length === 0)) return fc.jsonValue({ maxDepth: 1 });
  if (s === false) return fc.constant(undefined);
  if ('const' in s) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  if (s.anyOf ?? s.oneOf) return fc.oneof(...(s.anyOf ?? s.oneOf)!.map((x) => arbitraryOf(x, depth)));
  if (s.allOf?.length) return arbitraryOf(Object.assign({}, ...s.allOf) as JsonSchema, depth);
  const type = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (type.length > 1) return fc.oneof(...type.map((t) => arbitraryOf({ ...s, type: t }, depth)));
  switch (type[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return integer(s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : undefined), s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : undefined));
    case 'number':
      return fc.double({ min: s.minimum ?? -1e6, max: s.maximum ?? 1e6, noNaN: true, noDefaultInfinity: true });
    case 'string':
      return string(s);
    case 'array': {
      const min = s.minItems ?? 0;
      const max = Math.min(s.maxItems ?? min + MAX_EXTRA_ITEMS, min + (depth > 2 ? 0 : MAX_EXTRA_ITEMS));
      return fc.array(arbitraryOf(s.items, depth + 1), { minLength: min, maxLength: Math.max(min, max) });
    }
    case 'object': {
      const required = new Set(s.required ?? []);
      const props = Object.entries(s.properties ?? {});
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of props) record[k] = arbitraryOf(v, depth + 1);
      const fixed = fc.record(record, { requiredKeys: props.map(([k]) => k).filter((k) => required.has(k)) });
      if (s.additionalProperties && typeof s.additionalProperties === 'object' && props.length === 0) {
        const key = s.propertyNames ? (string(s.propertyNames) as fc.Arbitrary<string>) : fc.string({ minLength: 1, maxLength: 8 });
        return fc.dictionary(key, arbitraryOf(s.additionalProperties, depth + 1), { maxKeys: depth > 2 ? 0 : 3 });
      }
      return fixed;
    }
    default:
      return fc.jsonValue({ maxDepth: 1 });
  }
}

/** A value that likely does not fit: right shape with one field broken, extra or missing, or any JSON. */
export function invalidOf(s: JsonSchema): fc.Arbitrary<unknown> {
  const valid = arbitraryOf(s);
  return fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.tuple(valid, fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 })).map(([v, k, x]) => (v && typeof v === 'object' && !Array.isArray(v) ? { ...(v as object), [k || 'extra']: x } : x)),
    fc.tuple(valid, fc.nat()).map(([v, i]) => {
      if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
      const keys = Object.keys(v);
      if (!keys.length) return null;
      const copy: Record<string, unknown> = { ...(v as Record<string, unknown>) };
      delete copy[keys[i % keys.length]!];
      return copy;
    }),
    fc.tuple(valid, fc.nat(), fc.constantFrom<unknown>(null, -1, 1e300, '', 'x'.repeat(3000), [], {}, true, '0x10', '２０２６')).map(([v, i, x]) => {
      if (!v || typeof v !== 'object' || Array.isArray(v)) return x;
      const keys = Object.keys(v);
      return keys.length ? { ...(v as object), [keys[i % keys.length]!]: x } : x;
    }),
  );
}
