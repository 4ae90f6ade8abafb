import { describe, expect, it } from 'vitest';
import { lintSource } from '../src/engine/lint-source.js';
import { deriveTemplate } from '../src/template/derive.js';

const template = deriveTemplate('# Spec: [Name]\n\n## Summary\n\n## Details\n\n## Risks\n', { id: 'mini', source: 'mini.md' });
const lint = (text: string, reportUnused = false) =>
  lintSource(text, { template, reportUnusedDisableDirectives: reportUnused }).diagnostics.map((d) => `${d.line}:${d.ruleId}`);

const body = (summary: string, details = 'Real text.', risks = 'Real text.') =>
  `# Spec: X\n\n## Summary\n\n${summary}\n\n## Details\n\n${details}\n\n## Risks\n\n${risks}\n`;

describe('inline suppression', () => {
  it('reports what it should without directives', () => {
    expect(lint(body('TODO one', 'TODO two', 'TODO three'))).toEqual(['5:placeholder', '9:placeholder', '13:placeholder']);
  });

  it('disable-next-line silences only the next line, for the named rule', () => {
    expect(lint(body('<!-- speclint-disable-next-line placeholder -->\nTODO one\nTODO two'))).toEqual(['7:placeholder']);
    expect(lint(body('<!-- speclint-disable-next-line section-empty -->\nTODO one'))).toEqual(['6:placeholder']);
  });

  it('disable … enable silences a range, for all rules or the named ones', () => {
    const text = body('<!-- speclint-disable -->\nTODO one', 'TODO two\n\n<!-- speclint-enable -->', 'TODO three');
    expect(lint(text)).toEqual(['16:placeholder']);
    const named = body('<!-- speclint-disable placeholder, section-empty -->\nTODO one', 'TODO two\n<!-- speclint-enable placeholder -->\nTODO four');
    expect(lint(named)).toEqual(['12:placeholder']);
  });

  it('disable-file silences a rule everywhere, wherever the comment stands', () => {
    expect(lint(body('TODO one', 'TODO two', 'TODO three\n\n<!-- speclint-disable-file placeholder -->'))).toEqual([]);
    expect(lint(body('TODO one', '<!-- speclint-disable-file -->'))).toEqual([]);
  });

  it('silences a missing section at the heading it is reported on (the one it belongs after)', () => {
    const text = '# Spec: X\n\n<!-- speclint-disable-next-line section-required -->\n## Summary\n\nText.\n\n## Risks\n\nText.\n';
    expect(lint(text)).toEqual([]);
    expect(lint(text.replace('section-required', 'placeholder'))).toEqual(['4:section-required']);
  });

  it('reports unknown rule ids with a suggestion', () => {
    const result = lintSource(body('<!-- speclint-disable-next-line placeholders -->\nTODO one'), { template });
    expect(result.diagnostics.map((d) => [d.line, d.column, d.ruleId, d.message])).toEqual([
      [5, 33, 'directive-unknown-rule', "Unknown rule 'placeholders' in speclint-disable-next-line comment: did you mean 'placeholder'?"],
      [6, 1, 'placeholder', "'TODO' marker left in the spec"],
    ]);
  });

  it('reports unused directives only when asked', () => {
    const text = body('<!-- speclint-disable-next-line placeholder section-empty -->\nTODO one', '<!-- speclint-disable -->\nReal text.\n<!-- speclint-enable -->');
    expect(lint(text)).toEqual([]);
    const unused = lintSource(text, { template, reportUnusedDisableDirectives: true }).diagnostics.map((d) => `${d.line}:${d.ruleId}:${d.message}`);
    expect(unused).toEqual([
      "5:unused-disable-directive:Unused speclint-disable-next-line directive (no 'section-empty' problem was reported here)",
      '10:unused-disable-directive:Unused speclint-disable directive (no problem was reported here)',
    ]);
  });
});

describe('lifecycle strictness', () => {
  const spec = (status: string) => `# Spec: X\n\n**Status**: ${status}\n\n## Summary\n\nTBD\n\n## Details\n\n## Risks\n\nText.\n`;
  const severities = (status: string) =>
    lintSource(spec(status), { template }).diagnostics.map((d) => `${d.ruleId}:${d.severity}:${d.message}`);

  it.each(['Draft', 'Review', 'In Review'])('reports leftovers as warnings in a %s spec', (status) => {
    expect(severities(status)).toEqual(["placeholder:warning:'TBD' marker left in the spec", "section-empty:warning:Section 'Details' is empty"]);
  });

  it.each(['Approved', 'IMPLEMENTED', 'final', 'Accepted (Swift 5.9)', '**Approved**'])('reports them as errors, saying why, in a %s spec', (status) => {
    const shown = status.replace(/\*/g, '');
    const article = /^[aeiou]/i.test(shown) ? 'an' : 'a';
    expect(severities(status)).toEqual([
      `placeholder:error:'TBD' marker left in the spec (placeholder in ${article} ${shown} spec)`,
      `section-empty:error:Section 'Details' is empty (empty section in ${article} ${shown} spec)`,
    ]);
  });

  it('takes the final statuses from the options', () => {
    const result = lintSource(spec('Done'), { template, finalStatuses: ['Done'] });
    expect(result.diagnostics.map((d) => d.severity)).toEqual(['error', 'error']);
  });

  it('keeps a configured severity over the lifecycle', () => {
    const result = lintSource(spec('Approved'), { template, severities: { placeholder: 'warning', 'section-empty': 'off' } });
    expect(result.diagnostics.map((d) => `${d.ruleId}:${d.severity}`)).toEqual(['placeholder:warning']);
  });
});
