import { describe, expect, it } from 'vitest';
import { buildDocument } from '../src/document/index.js';
import { sectionsShiftFix } from '../src/fix/edits.js';
import type { Fix } from '../src/core/types.js';
import { lintSource } from '../src/engine/lint-source.js';
import { ROOT, read } from './helpers.js';

const apply = (text: string, fix: Fix): string => text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);
const topLevel = (text: string) => {
  const doc = buildDocument(text, 'spec.md');
  return { doc, sections: doc.sections.filter((s) => s.level === 1 && s.index > 0) };
};

describe('sectionsShiftFix', () => {
  it('moves each section and its subsections by the same number of levels, keeping the text between', () => {
    const text = '# Title\n\n# Summary\n\nText.\n\n# Design\n\n## Parts\n\nMore.\n\n# Risks\n\nNone.\n';
    const { doc, sections } = topLevel(text);
    const fix = sectionsShiftFix(doc, sections, 1);
    expect(fix && apply(text, fix)).toBe('# Title\n\n## Summary\n\nText.\n\n## Design\n\n### Parts\n\nMore.\n\n## Risks\n\nNone.\n');
  });

  it('keeps CRLF line ends, and ends the edit with the last heading line', () => {
    const text = '# Title\r\n\r\n# Summary\r\n\r\nText.\r\n\r\n# Risks\r\n\r\nNone.\r\n';
    const { doc, sections } = topLevel(text);
    const fix = sectionsShiftFix(doc, sections, 1);
    expect(fix && apply(text, fix)).toBe('# Title\r\n\r\n## Summary\r\n\r\nText.\r\n\r\n## Risks\r\n\r\nNone.\r\n');
    expect(fix?.text.endsWith('## Risks')).toBe(true);
  });

  it('gives no fix where the range mixes line ends, a heading would pass level 6, or one is setext', () => {
    const mixed = '# Title\n\n# Summary\r\n\r\nText.\n\n# Risks\n';
    expect(sectionsShiftFix(topLevel(mixed).doc, topLevel(mixed).sections, 1)).toBeUndefined();
    const deep = '# Title\n\n# Summary\n\n###### Detail\n';
    expect(sectionsShiftFix(topLevel(deep).doc, topLevel(deep).sections, 1)).toBeUndefined();
    const setext = '# Title\n\nSummary\n=======\n\n# Risks\n';
    expect(sectionsShiftFix(topLevel(setext).doc, topLevel(setext).sections, 1)).toBeUndefined();
  });

  it('leaves a subsection that stays, with its own subsections, where it is', () => {
    const text = '# Title\n\n# Proposal\n\n## Design Details\n\n### Plan\n\n# Risks\n';
    const { doc, sections } = topLevel(text);
    const fix = sectionsShiftFix(doc, sections, 1, (s) => s.text === 'Design Details');
    expect(fix && apply(text, fix)).toBe('# Title\n\n## Proposal\n\n## Design Details\n\n### Plan\n\n## Risks\n');
  });
});

describe('sections of one parent at one wrong level', () => {
  const path = 'fixtures/section-level/invalid/sections-written-as-h1.md';
  const groupOf = (text: string) => lintSource(text, { filePath: path, cwd: ROOT }).diagnostics.filter((d) => d.ruleId === 'section-level');

  it('keep their baseline key when one of them is fixed: the data names the parent and the levels, not the list', () => {
    const text = read(path);
    const [before] = groupOf(text);
    const [after] = groupOf(text.replace('# Appendix', '## Appendix'));
    expect(before?.message).toContain('5 top-level sections');
    expect(after?.message).toContain('4 top-level sections');
    expect(after?.data).toEqual(before?.data);
    expect(before?.data).toEqual({ parent: '', level: 1, expected: 2 });
    expect(before?.related?.map((r) => r.line)).toEqual([11, 19, 29, 33]);
  });

  it('are reported one by one below three', () => {
    const text = read(path).replace('# Appendix', '## Appendix').replace('# Impacts', '## Impacts').replace('### Alpha', '#### Alpha').replace('## Graduation', '### Graduation').replace('# Design Details', '## Design Details');
    expect(groupOf(text).map((d) => d.message)).toEqual(["Section 'Summary' is level 1, expected level 2", "Section 'Proposal' is level 1, expected level 2"]);
  });
});
