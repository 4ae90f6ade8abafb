/**
 * A bounded memo of a pure function of one string; emptied when full, so that a long-lived process
 * (the language server) stays small.
 */
export class KeyMemo<Value> {
  private readonly values = new Map<string, Value>();

  constructor(
    private readonly compute: (key: string) => Value,
    private readonly limit = 4096,
  ) {}

  get(key: string): Value {
    let value = this.values.get(key);
    if (value === undefined && !this.values.has(key)) {
      value = this.compute(key);
      if (this.values.size >= this.limit) this.values.clear();
      this.values.set(key, value);
    }
    return value as Value;
  }
}

/**
 * A bounded memo of a pure function of two strings. Nested maps, so that a lookup allocates no
 * joined key; emptied when full, so that a long-lived process (the language server) stays small.
 */
export class PairMemo<Value> {
  private readonly byFirst = new Map<string, Map<string, Value>>();
  private size = 0;

  constructor(
    private readonly compute: (a: string, b: string) => Value,
    private readonly limit = 65536,
  ) {}

  get(a: string, b: string): Value {
    let bySecond = this.byFirst.get(a);
    if (bySecond === undefined) {
      bySecond = new Map();
      this.byFirst.set(a, bySecond);
    }
    let value = bySecond.get(b);
    if (value === undefined && !bySecond.has(b)) {
      value = this.compute(a, b);
      if (this.size >= this.limit) {
        this.byFirst.clear();
        this.size = 0;
        bySecond = new Map();
        this.byFirst.set(a, bySecond);
      }
      bySecond.set(b, value);
      this.size++;
    }
    return value as Value;
  }
}

/**
 * A memo of a pure function of one object (a template, a document, a set, parsed options), held only
 * as long as the object lives: nothing to bound, nothing kept after a file is done.
 */
export function weakMemo<Key extends object, Value>(compute: (key: Key) => Value): (key: Key) => Value {
  const values = new WeakMap<Key, Value>();
  return (key) => {
    let value = values.get(key);
    if (value === undefined && !values.has(key)) {
      value = compute(key);
      values.set(key, value);
    }
    return value as Value;
  };
}
