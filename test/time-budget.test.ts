import { createRequire } from 'node:module';
import { createContext, runInContext } from 'node:vm';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { runWithin } from '../src/run/time-budget.js';
import { ROOT } from './helpers.js';

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

  it('nests: an outer deadline stops the inner work too, and an inner one leaves the outer running', () => {
    const outerStopped = runWithin(100, () => {
      runWithin(60_000, () => {
        for (;;) Math.random();
      });
      return 'not reached';
    });
    expect(outerStopped).toEqual({ finished: false });
    const innerStopped = runWithin(60_000, () => {
      const inner = runWithin(100, () => {
        for (;;) Math.random();
      });
      return inner.finished ? 'inner finished' : 'inner stopped, outer went on';
    });
    expect(innerStopped).toEqual({ finished: true, value: 'inner stopped, outer went on' });
  });

  it('adds nothing to the global object', () => {
    const names = Object.getOwnPropertyNames(globalThis).sort();
    const symbols = Object.getOwnPropertySymbols(globalThis);
    runWithin(5_000, () => 1);
    runWithin(100, () => {
      for (;;) Math.random();
    });
    expect(Object.getOwnPropertyNames(globalThis).sort()).toEqual(names);
    expect(Object.getOwnPropertySymbols(globalThis)).toEqual(symbols.filter((symbol) => symbol !== Symbol.for('speclint.timed-work')));
    expect(Object.getOwnPropertySymbols(globalThis)).not.toContain(Symbol.for('speclint.timed-work'));
  });

  it('works where speclint is loaded in a vm context of its own (a test runner sandbox)', async () => {
    const { outputFiles } = await build({ absWorkingDir: ROOT, entryPoints: ['src/run/time-budget.ts'], bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'silent' });
    const sandbox = createContext({ module: { exports: {} }, require: createRequire(import.meta.url) });
    runInContext(`(function (module, require) { ${outputFiles[0]?.text ?? ''} })(module, require)`, sandbox);
    const sandboxed = (sandbox.module as { exports: { runWithin: typeof runWithin } }).exports.runWithin;
    expect(sandboxed(5_000, () => 7)).toEqual({ finished: true, value: 7 });
    expect(
      sandboxed(100, () => {
        for (;;) Math.random();
      }),
    ).toEqual({ finished: false });
  });
});
