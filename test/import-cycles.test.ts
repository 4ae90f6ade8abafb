import { describe, expect, it } from 'vitest';
import { importCycles, importGraph } from '../scripts/import-cycles.mjs';

describe('import cycles (npm run check:cycles)', () => {
  it('finds a cycle, through types too, and not a one-way import', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(importCycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });

  it('reads the real imports, type-only ones included', () => {
    const graph = importGraph();
    expect(graph.get('src/engine/run-rules.ts')).toContain('rules/index.ts');
    expect(graph.get('src/engine/rule.ts')).toContain('src/repository/facts.ts');
  });

  it('src/ and rules/ have none', () => {
    expect(importCycles()).toEqual([]);
  });
});
