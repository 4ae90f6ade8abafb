/**
 * A value the launcher sets and the bundle it runs reads (or the other way round): the two are
 * separately bundled, each with its own copy of every module, and share only globalThis. No imports,
 * so that the smallest bundle can use it.
 */
export interface GlobalSlot<T> {
  get(): T | undefined;
  set(value: T | undefined): void;
}

/** The slot named `name` (a `Symbol.for` key, the same in every copy of this module). */
export function globalSlot<T>(name: string): GlobalSlot<T> {
  const key = Symbol.for(name);
  const slots = globalThis as Record<symbol, T | undefined>;
  return {
    get: () => slots[key],
    set: (value) => {
      slots[key] = value;
    },
  };
}
