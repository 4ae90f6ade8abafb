import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintSource } from '../src/engine/lint-source.js';
import { BUILTIN_TEMPLATES } from '../src/template/builtin.js';
import { ROOT, read } from './helpers.js';

/**
 * A spec copied from the seed of a built-in template keeps the seed's example lines: each one left
 * in an otherwise finished spec is one placeholder diagnostic. The seeds' example wording is kept in
 * templates/seed-wording/, so this runs without ../shared.
 */
describe.each(BUILTIN_TEMPLATES.map((t) => t.id))('seed example lines of %s', (id) => {
  it('each kept example line or bracket gets exactly one placeholder diagnostic', () => {
    const example = readdirSync(join(ROOT, 'examples')).find((f) => f.startsWith(`${id}-`) && f.endsWith('.md'));
    expect(example, `examples/${id}-*.md`).toBeDefined();
    const spec = read(`examples/${example}`);
    expect(lintSource(spec, { filePath: `examples/${example}`, cwd: ROOT }).diagnostics.filter((d) => d.ruleId === 'placeholder')).toEqual([]);

    const kept = read(`templates/seed-wording/${id}.md`)
      .split('\n')
      .filter((line) => /^(?:- |\d+\. |\[)/.test(line));
    expect(kept.length).toBeGreaterThan(5);
    // Each kept line as its own block at the end of the spec, so none merges with the spec's text.
    const withKept = `${spec.trimEnd()}\n\n${kept.join('\n\n')}\n`;
    const first = spec.trimEnd().split('\n').length + 2;
    const found = lintSource(withKept, { filePath: `examples/${example}`, cwd: ROOT }).diagnostics.filter((d) => d.ruleId === 'placeholder');
    const perLine = kept.map((line, i) => ({ line, count: found.filter((d) => d.line === first + 2 * i).length }));
    expect(perLine.filter((p) => p.count !== 1)).toEqual([]);
    expect(found).toHaveLength(kept.length);
  });
});
