// A schema built the first time it is used instead of when its module loads. Zod 4 gives each
// schema object ~50 methods of its own, and the backend's modules declared ~2,200 of them at load:
// building them (and collecting the garbage) was the largest part of a production restart
// (--cpu-prof, bench/README.md, foundation.bench.ts), though most serve routes and calls a
// start never makes. The stand-in forwards everything to the one schema it builds — parse,
// `.shape`, `.extend()`, `instanceof`, nesting in other schemas, `z.infer` — so callers and
// validation are unchanged: it only moves when the schema is made.

/** `build` runs once, at the first use of the returned schema; nesting it in another schema is not a use. */
export function lazySchema<T extends object>(build: () => T): T {
  let built: T | undefined;
  const schema = (): T => (built ??= build());
  return new Proxy({} as T, {
    get: (_t, key) => Reflect.get(schema(), key),
    has: (_t, key) => Reflect.has(schema(), key),
    set: (_t, key, value) => Reflect.set(schema(), key, value),
    ownKeys: () => Reflect.ownKeys(schema()),
    // The stand-in's own target is empty: a property of the schema may only be described as configurable.
    getOwnPropertyDescriptor: (_t, key) => {
      const d = Reflect.getOwnPropertyDescriptor(schema(), key);
      return d && { ...d, configurable: true };
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(schema()),
  });
}
