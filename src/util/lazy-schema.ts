import { type Zod, zod } from './zod.js';

/**
 * A zod schema built on its first use instead of at module load, by `build`, which is handed zod
 * (util/zod.ts: in the CLI's bundle zod itself loads on first use). Building schemas is most of what
 * zod costs a run at start-up, and most schemas check what a plain run never reads back (a config, a
 * cache, a baseline, a report, a template from JSON). The value stands in for the schema everywhere,
 * inside other schemas too: every property read goes to the schema, built then. zod's methods are
 * bound to the built schema, so `lazy.optional()` wraps it, not the stand-in; registries (`.register`,
 * `.meta` ids) see the built schema too: register inside the builder, if ever needed.
 */
export function lazySchema<Schema extends object>(build: (z: Zod) => Schema): Schema {
  let built: Schema | undefined;
  const schema = (): Schema => (built ??= build(zod()));
  return new Proxy({} as Schema, {
    get: (_, key) => Reflect.get(schema(), key),
    set: (_, key, value) => Reflect.set(schema(), key, value),
    has: (_, key) => Reflect.has(schema(), key),
    ownKeys: () => Reflect.ownKeys(schema()),
    // Reported configurable unless fixed on the stand-in too: a proxy may not claim a fixed property its target lacks.
    getOwnPropertyDescriptor: (target, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(schema(), key);
      return Reflect.getOwnPropertyDescriptor(target, key) ?? (descriptor && { ...descriptor, configurable: true });
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(schema()),
    // Defined on the schema; a fixed one on the stand-in as well, as a proxy's invariants ask.
    defineProperty: (target, key, descriptor) => {
      const defined = Reflect.defineProperty(schema(), key, descriptor);
      if (defined && descriptor.configurable !== true) Reflect.defineProperty(target, key, descriptor);
      return defined;
    },
    deleteProperty: (_, key) => Reflect.deleteProperty(schema(), key),
  });
}
