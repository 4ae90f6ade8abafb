import { describe, expect, it } from 'vitest';
import { runWithin } from '../src/run/time-budget.js';

describe('runWithin (the time budget on this thread)', () => {
  it('returns what the work returns, and throws what it throws', () => {
    expect(runWithin(5_000, () => 42)).toEqual({ finished: true, value: 42 });
    expect(() =>
      runWithin(5_000, () => {
        throw new RangeError('from the rule');
      }),
    ).toThrow(/^from the rule$/);
  });

  it('stops runaway work at the deadline, and the next work runs', () => {
    const started = Date.now();
    expect(
      runWithin(100, () => {
        for (;;) Math.random();
      }),
    ).toEqual({ finished: false });
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(runWithin(5_000, () => 'after')).toEqual({ finished: true, value: 'after' });
  });

  it('nests: an inner budget returns to the outer work', () => {
    const outer = runWithin(5_000, () => {
      const inner = runWithin(5_000, () => 'inner');
      return `${inner.finished ? inner.value : 'stopped'} then outer`;
    });
    expect(outer).toEqual({ finished: true, value: 'inner then outer' });
  });

  it('adds no name to the global scope', () => {
    const before = Object.getOwnPropertyNames(globalThis).sort();
    runWithin(5_000, () => 1);
    expect(Object.getOwnPropertyNames(globalThis).sort()).toEqual(before);
  });
});
