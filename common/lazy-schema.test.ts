import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { lazySchema } from './lazy-schema';

const eager = () => z.object({ name: z.string().trim().min(1).max(20), kind: z.enum(['a', 'b']), n: z.number().int().optional() });

describe('lazySchema', () => {
  it('builds the schema at its first use, once, and not when another schema nests it', () => {
    let builds = 0;
    const inner = lazySchema(() => {
      builds++;
      return eager();
    });
    const outer = lazySchema(() => z.object({ inner, list: z.array(inner) }));
    expect(builds).toBe(0);
    expect(outer.parse({ inner: { name: ' x ', kind: 'a' }, list: [] })).toEqual({ inner: { name: 'x', kind: 'a' }, list: [] });
    expect(builds).toBe(1);
    inner.parse({ name: 'y', kind: 'b' });
    expect(builds).toBe(1);
  });

  it('accepts and refuses exactly what the schema it stands for does, with the same issues', () => {
    const lazy = lazySchema(eager);
    for (const input of [{ name: 'a', kind: 'a' }, { name: '', kind: 'a' }, { name: 'a', kind: 'c', n: 1.5 }, null, 'text']) {
      const want = eager().safeParse(input);
      const got = lazy.safeParse(input);
      expect(got.success).toBe(want.success);
      expect(got.error?.issues).toEqual(want.error?.issues);
    }
  });

  it('is a zod schema to everything that asks: instanceof, shape, extend, JSON Schema, discriminated unions', () => {
    const lazy = lazySchema(eager);
    expect(lazy).toBeInstanceOf(z.ZodType);
    expect(Object.keys(lazy.shape)).toEqual(['name', 'kind', 'n']);
    expect(lazy.extend({ extra: z.boolean() }).parse({ name: 'a', kind: 'a', extra: true })).toEqual({ name: 'a', kind: 'a', extra: true });
    expect(z.toJSONSchema(z.object({ x: lazy }))).toEqual(z.toJSONSchema(z.object({ x: eager() })));
    const one = lazySchema(() => z.object({ t: z.literal('one'), v: z.string() }));
    const union = z.discriminatedUnion('t', [one, z.object({ t: z.literal('two') })]);
    expect(union.parse({ t: 'one', v: 'x' })).toEqual({ t: 'one', v: 'x' });
    expect(union.safeParse({ t: 'one' }).success).toBe(false);
  });
});
