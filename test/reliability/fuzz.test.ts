import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintSource } from '../../src/engine/lint-source.js';
import { read } from '../helpers.js';

const require = createRequire(import.meta.url);
const FRAGMENTS = [
  '# Technical Specification: X', '## Overview', '### Goals', '## Security Considerations', '## 1. Overview', '### 1.1 Summary',
  '- **Status**: Draft', '**Author**: A', '| **Status** | Approved |', '| A | B |\n|---|---|\n| 1 | 2 |', '- [ ] open', '- [x] done',
  '[Component Name]', 'TODO', 'YYYY-MM-DD', '[link](#overview)', '[bad](#nowhere)', '<!-- speclint-disable -->', '<!-- speclint-enable -->',
  '<!-- speclint-disable-next-line placeholder -->', '```\ncode [x]\n```', '> quote', '---', '***', '[^1]\n\n[^1]: note',
  '\u0000', '\u001b[31m', '\r\n', '\r', '\uFEFF', '\u2028', '🙂', '*a **b', '[', ']', '`', '<', '&amp;', '---\ntitle: x\n---',
];

const documents = fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 20 })), { maxLength: 40 }).map((parts) => parts.join('\n'));

describe('fuzzing (fast-check, fixed seed)', () => {
  it('never throws; diagnostics are sorted, inside the text and the same on every run', () => {
    fc.assert(
      fc.property(documents, fc.constantFrom(undefined, 'design-doc', 'numbered', 'tech-spec'), (text, template) => {
        const options = template ? { template } : {};
        const first = lintSource(text, options).diagnostics;
        const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).length;
        for (const [k, d] of first.entries()) {
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.line).toBeLessThanOrEqual(lines);
          expect(d.column).toBeGreaterThanOrEqual(1);
          expect(d.endLine * 1e6 + d.endColumn).toBeGreaterThanOrEqual(d.line * 1e6 + d.column);
          const previous = first[k - 1];
          if (previous) expect(previous.line * 1e6 + previous.column).toBeLessThanOrEqual(d.line * 1e6 + d.column);
        }
        expect(lintSource(text, options).diagnostics).toEqual(first);
      }),
      // `npm run fuzz` runs far more, from the same seed.
      { seed: 4242, numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
    );
  });

  it('survives every CommonMark spec example', () => {
    const spec = require('commonmark-spec') as { tests: { markdown: string }[] };
    expect(spec.tests.length).toBeGreaterThan(600);
    for (const test of spec.tests) {
      expect(() => lintSource(test.markdown)).not.toThrow();
      expect(() => lintSource(test.markdown, { template: 'design-doc' })).not.toThrow();
    }
  });

  it('lints a realistic spec the same with hostile bytes appended', () => {
    const spec = read('examples/design-doc-audit-log.md');
    expect(() => lintSource(`${spec}\n\u0000\u001b]8;;x\u0007\r\u2028`)).not.toThrow();
  });
});
