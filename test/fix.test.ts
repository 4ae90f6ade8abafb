import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { diffLines } from 'diff';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { applyFixes, fixText } from '../src/fix/apply.js';
import { lintSource } from '../src/engine/lint-source.js';
import { ROOT, read } from './helpers.js';

const FIXABLE = rules.filter((r) => r.meta.fixable).map((r) => r.meta.id);
const lintAt = (path: string) => (text: string) => lintSource(text, { filePath: path, cwd: ROOT }).diagnostics;

function allFixtures(): string[] {
  const out: string[] = [];
  for (const rule of readdirSync(join(ROOT, 'fixtures'))) {
    for (const kind of ['valid', 'invalid']) {
      const dir = join(ROOT, 'fixtures', rule, kind);
      if (!existsSync(dir)) continue;
      for (const f of readdirSync(dir)) if (f.endsWith('.md') && !f.endsWith('.fixed.md')) out.push(`fixtures/${rule}/${kind}/${f}`);
    }
  }
  return out.sort();
}

/** The safety properties every fix run must have. */
function checkFixProperties(path: string, text: string, lint: (t: string) => ReturnType<ReturnType<typeof lintAt>>): void {
  const once = fixText(text, lint);
  // Idempotent: fixing the fixed text changes nothing.
  expect(fixText(once.text, lint).text).toBe(once.text);
  // Nothing fixable is left, and the result still parses and lints.
  expect(lint(once.text).filter((d) => d.fix).map((d) => `${path}:${d.line} ${d.ruleId} ${d.message}`)).toEqual([]);
  // Every original line that no fix targeted is still there, in order.
  const withNewline = (t: string): string => { const lf = t.replace(/\r\n?/g, '\n'); return lf.endsWith('\n') ? lf : `${lf}\n`; };
  for (const part of diffLines(withNewline(text), withNewline(once.text))) {
    if (!part.removed) continue;
    for (const line of part.value.split('\n').filter((l) => l.trim() !== '')) {
      expect(once.replaced.some((r) => r.includes(line) || line.includes(r.trim())), `${path}: line removed by no fix: ${JSON.stringify(line)}`).toBe(true);
    }
  }
}

describe('fixable rules', () => {
  it.each(FIXABLE)('%s has invalid fixtures with their fixed output', (id) => {
    const dir = join(ROOT, 'fixtures', id, 'invalid');
    expect(readdirSync(dir).some((f) => f.endsWith('.fixed.md')), `fixtures/${id}/invalid/*.fixed.md`).toBe(true);
  });

  const pairs = FIXABLE.flatMap((id) =>
    readdirSync(join(ROOT, 'fixtures', id, 'invalid'))
      .filter((f) => f.endsWith('.fixed.md'))
      .map((f) => `fixtures/${id}/invalid/${f.replace(/\.fixed\.md$/, '.md')}`),
  );
  it.each(pairs)('%s fixes to its .fixed.md', (path) => {
    const fixed = fixText(read(path), lintAt(path));
    expect(fixed.text).toBe(read(path.replace(/\.md$/, '.fixed.md')));
  });
});

describe('fix safety over every fixture', () => {
  it.each(allFixtures())('%s', (path) => {
    checkFixProperties(path, read(path), lintAt(path));
  });
});

describe('applyFixes', () => {
  it('never applies overlapping fixes together, and applies insertions at one point in order', () => {
    const text = 'abcdef';
    const result = applyFixes(text, [
      { range: [1, 3], text: 'X' },
      { range: [2, 4], text: 'Y' },
      { range: [5, 5], text: '1' },
      { range: [5, 5], text: '2' },
    ]);
    expect(result).toEqual({ text: 'aXde12f', applied: 3, replaced: ['bc'] });
  });

  it('writes the line endings the file already uses', () => {
    expect(applyFixes('a\r\nb\r\n', [{ range: [3, 3], text: 'x\ny\n' }]).text).toBe('a\r\nx\r\ny\r\nb\r\n');
    expect(applyFixes('a\nb\n', [{ range: [2, 2], text: 'x\n' }]).text).toBe('a\nx\nb\n');
  });
});

describe('fix safety over generated specs (fast-check, fixed seed)', () => {
  const base = read('examples/design-doc-audit-log.md');
  const sections = base.split(/(?=^## )/m);
  const head = sections[0] ?? '';
  const body = sections.slice(1);
  const mutation = fc.record({
    keep: fc.array(fc.boolean(), { minLength: body.length, maxLength: body.length }),
    swap: fc.option(fc.tuple(fc.nat(body.length - 1), fc.nat(body.length - 1))),
    demote: fc.option(fc.nat(body.length - 1)),
    rename: fc.option(fc.tuple(fc.nat(body.length - 1), fc.constantFrom('Goals & Non Goals', 'Testing', 'Security', 'Rollout plan!', 'Risk Assesment'))),
    status: fc.constantFrom('Review', 'Aproved', 'Draft', 'Implemnted', 'Shipped', ''),
    dropAuthor: fc.boolean(),
    eol: fc.constantFrom('\n', '\r\n', '\r'),
    noFinalNewline: fc.boolean(),
  });
  it('never throws, and every fix run is idempotent, complete and leaves untouched lines alone', () => {
    fc.assert(
      fc.property(mutation, (m) => {
        let parts = body.filter((_, k) => m.keep[k]);
        if (m.swap && parts.length > 1) {
          const [a, b] = [m.swap[0] % parts.length, m.swap[1] % parts.length];
          parts = [...parts];
          [parts[a], parts[b]] = [parts[b] as string, parts[a] as string];
        }
        if (m.demote !== null && parts.length > 0) {
          const k = m.demote % parts.length;
          parts[k] = (parts[k] ?? '').replace(/^## /, '### ');
        }
        if (m.rename && parts.length > 0) {
          const k = m.rename[0] % parts.length;
          parts[k] = (parts[k] ?? '').replace(/^## .*$/m, `## ${m.rename[1]}`);
        }
        let text = head.replace('- **Status**: Review', `- **Status**: ${m.status}`) + parts.join('');
        if (m.dropAuthor) text = text.replace(/^- \*\*Author\*\*:.*\n/m, '');
        if (m.noFinalNewline) text = text.replace(/\n+$/, '');
        if (m.eol !== '\n') text = text.replace(/\n/g, m.eol);
        const lint = lintAt('generated.md');
        checkFixProperties('generated.md', text, lint);
        const fixed = fixText(text, lint);
        expect(fixed.unsettled).toBeUndefined();
        // Every line end, old or added, is the file's own.
        expect(fixed.text.split(m.eol).join('')).not.toMatch(/[\r\n]/);
        // So is the final newline, or its absence.
        expect(fixed.text.endsWith(m.eol)).toBe(!m.noFinalNewline);
      }),
      { seed: 20261122, numRuns: Math.min(Number(process.env.FUZZ_RUNS ?? 60), 2000) },
    );
  });
});
