import { describe, expect, it } from 'vitest';
import { lineEndAt, withLoneCrAsLf } from '../src/document/line-ends.js';
import { applyFixes, fixText } from '../src/fix/apply.js';
import { lintSource } from '../src/engine/lint-source.js';
import type { Diagnostic } from '../src/core/types.js';
import { ROOT, read } from './helpers.js';

const lintAt = (path: string) => (text: string) => lintSource(text, { filePath: path, cwd: ROOT }).diagnostics;
const EXAMPLES = ['component-rate-limiter', 'design-doc-audit-log', 'feature-saved-searches', 'numbered-payment-webhooks', 'tech-spec-feature-flags'];
const asCr = (text: string): string => text.replace(/\n/g, '\r');

describe('lone-CR line ends', () => {
  it.each(EXAMPLES)('%s saved with CR line ends lints exactly as with LF (no false metadata or front-matter errors)', (name) => {
    const text = read(`examples/${name}.md`);
    const lint = lintAt(`${name}.md`);
    expect(lint(asCr(text))).toEqual(lint(text));
    expect(lint(asCr(text))).toEqual([]);
  });

  it('a missing Date line is added once, with CR line ends, and a second fix changes nothing', () => {
    const text = asCr(read('examples/feature-saved-searches.md').replace(/^\*\*Date\*\*:.*\n/m, ''));
    const lint = lintAt('feature.md');
    expect(lint(text).map((d) => d.ruleId)).toEqual(['metadata-required']);
    const fixed = fixText(text, lint);
    expect(fixed.unsettled).toBeUndefined();
    expect(fixed.text.match(/\*\*Date\*\*/g)).toHaveLength(1);
    expect(fixed.text).not.toContain('\n');
    expect(fixText(fixed.text, lint).text).toBe(fixed.text);
  });

  it('keeps every offset: CR becomes LF, CRLF stays', () => {
    expect(withLoneCrAsLf('a\rb\r\nc\n\r')).toBe('a\nb\r\nc\n\n');
  });
});

describe('line ends of added lines', () => {
  it('are those of the line the fix edits, in CR, CRLF and mixed files', () => {
    expect(applyFixes('a\rb\r', [{ range: [2, 2], text: 'x\ny\n' }]).text).toBe('a\rx\ry\rb\r');
    // A mostly-CRLF file: the fix lands on an LF line and takes LF.
    expect(applyFixes('a\r\nb\r\nc\nd\r\n', [{ range: [6, 6], text: 'x\n' }]).text).toBe('a\r\nb\r\nx\nc\nd\r\n');
    // A mostly-LF file: the fix lands on a CRLF line and takes CRLF.
    expect(applyFixes('a\nb\nc\r\nd\n', [{ range: [5, 5], text: '\nx' }]).text).toBe('a\nb\nc\r\nx\r\nd\n');
  });

  it('on a last line without one, are those of the line before', () => {
    expect(lineEndAt('a\r\nb', 4)).toBe('\r\n');
    expect(lineEndAt('ab', 1)).toBeUndefined();
    expect(applyFixes('a\r\nb', [{ range: [4, 4], text: '\n\nc' }]).text).toBe('a\r\nb\r\n\r\nc');
  });
});

describe('sections appended at the end', () => {
  const base = read('examples/design-doc-audit-log.md');
  const cut = base.slice(0, base.indexOf('## Risk Assessment'));
  const lint = lintAt('design.md');

  it('keep a missing final newline, each after a blank line', () => {
    const fixed = fixText(cut.replace(/\n+$/, ''), lint);
    expect(fixed.text.endsWith('- [Internal, external and infrastructure dependencies]')).toBe(true);
    expect(fixed.text).toContain('six weeks\n\n## Risk Assessment\n\n');
    expect(fixed.text).toContain('[Mitigation] |\n\n## Dependencies\n\n');
  });

  it('keep the trailing line ends as they were, CRLF included', () => {
    const fixed = fixText(cut.replace(/\n+$/, '\n').replace(/\n/g, '\r\n'), lint);
    expect(fixed.text.endsWith('dependencies]\r\n')).toBe(true);
    expect(fixed.text).toContain('[Mitigation] |\r\n\r\n## Dependencies\r\n\r\n');
    expect(fixed.text.replace(/\r\n/g, '')).not.toContain('\n');
  });
});

describe('fixes that never settle', () => {
  const diagnostic = (fix: Diagnostic['fix']): Diagnostic => ({ ruleId: 'section-required', severity: 'error', message: 'm', line: 1, column: 1, endLine: 1, endColumn: 1, ...(fix ? { fix } : {}) });

  it('a fix asked for again after it was applied (the file would grow each run) is undone and reported', () => {
    const grows = (text: string) => [diagnostic({ range: [text.length, text.length], text: '\n## Goals' })];
    const outcome = fixText('# T\n', grows);
    expect(outcome.unsettled).toEqual({ ruleIds: ['section-required'] });
    expect(outcome.text).toBe('# T\n');
    expect(outcome.applied).toBe(0);
  });

  it('fixes that undo each other (a cycle) are reported too', () => {
    const flips = (text: string) => [diagnostic({ range: [0, 1], text: text.startsWith('a') ? 'b' : 'a' })];
    expect(fixText('a', flips).unsettled).toEqual({ ruleIds: ['section-required'] });
  });

  it('fixes still pending after the last pass are reported', () => {
    let n = 0;
    const endless = (text: string) => [diagnostic({ range: [text.length, text.length], text: `${n++}` })];
    const outcome = fixText('', endless);
    expect(outcome.unsettled).toBeDefined();
    expect(outcome.passes).toBe(10);
  });

  it('a chain of different fixes that ends is not reported', () => {
    const steps = (text: string) => (text.length < 3 ? [diagnostic({ range: [text.length, text.length], text: `${text.length}` })] : []);
    const outcome = fixText('', steps);
    expect(outcome.text).toBe('012');
    expect(outcome.unsettled).toBeUndefined();
  });
});

describe('an unclosed code fence', () => {
  it('hides no section from section-required that a reader sees, and is reported once', () => {
    const text = read('fixtures/code-fence-unclosed/invalid/fence-swallows-sections.md');
    expect(lintAt('design.md')(text).map((d) => d.ruleId)).toEqual(['code-fence-unclosed']);
  });

  it('hides no section from the many-missing report either (a fence opened early swallows most sections)', () => {
    const lines = read('examples/design-doc-audit-log.md').split('\n');
    const third = lines.filter((line) => line.startsWith('## '))[2] ?? '';
    lines.splice(lines.indexOf(third) + 1, 0, '```yaml');
    expect(lintAt('design.md')(lines.join('\n')).map((d) => d.ruleId)).toEqual(['code-fence-unclosed']);
  });

  it('a section missing for a reader too is still reported (it is not among the hidden headings)', () => {
    const text = read('fixtures/code-fence-unclosed/invalid/fence-swallows-sections.md').replace(/^## Architecture\n/m, '');
    const ids = lintAt('design.md')(text).map((d) => d.ruleId);
    expect(ids).toContain('code-fence-unclosed');
    expect(ids.filter((id) => id !== 'code-fence-unclosed').length).toBeGreaterThan(0);
  });
});
