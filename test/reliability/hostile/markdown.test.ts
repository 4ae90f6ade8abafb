import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import { runLint } from '../../../src/run/index.js';
import { GENERATORS } from './generators.js';

/** Sizes every generator is run at in CI; `npm run fuzz` adds 100,000. */
export const SIZES = process.env.FUZZ_RUNS ? [1_000, 10_000, 100_000] : [1_000, 10_000];
const BUDGET_S = 1;
const config = loadConfig(null, process.cwd());
const template = config.registry.get('design-doc');
const CASES = GENERATORS.flatMap(([name, generate]) => SIZES.map((size) => [`${name} at ${size.toLocaleString('en-US')} chars`, generate, size] as const));

describe('pathological Markdown (79 generators of research/reliability.md at each size)', () => {
  it.each(CASES)('%s: linted, or refused in one line as too-deep or parse-timeout within the budget', async (_name, generate, size) => {
    const text = generate(size);
    const started = Date.now();
    const targets = [{ absolutePath: `${process.cwd()}/hostile.md`, displayPath: 'hostile.md', text }];
    const run = await runLint({ cwd: process.cwd(), targets, config, template, concurrency: 'off', fileTimeout: BUDGET_S, repositoryRules: false });
    const lines = run.problems.map((p) => p.message);
    // The budget, plus what runs outside it (the nesting pre-scan, the vm's start) on a loaded machine.
    expect(Date.now() - started).toBeLessThan(BUDGET_S * 1000 + 8_000);
    if (run.files[0]?.fatal) {
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^"hostile\.md": (?:too-deep|parse-timeout): [^\n]+$/);
      return;
    }
    expect(lines).toEqual([]);
    const count = text.split(/\r\n|\r|\n/).length;
    for (const d of run.files[0]?.diagnostics ?? []) {
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.endLine).toBeLessThanOrEqual(count);
      expect(d.message).not.toBe('');
    }
  });
});
