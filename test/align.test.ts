import { describe, expect, it } from 'vitest';
import { buildDocument } from '../src/document/index.js';
import { lintSource } from '../src/engine/lint-source.js';
import { alignOutline, alignmentOf } from '../src/template/align.js';
import { headingParts, normalizeHeading } from '../src/util/text.js';
import { detectTemplate } from '../src/template/choose.js';
import { builtinTemplates } from '../src/template/builtin.js';
import { deriveTemplate } from '../src/template/derive.js';

const template = deriveTemplate(
  [
    '# Spec: [Name]',
    '## Overview',
    '## Goals',
    '### In Scope',
    '### Out of Scope',
    '## Components',
    '### [Component 1]',
    '#### Interfaces',
    '### [Component 2]',
    '#### Interfaces',
    '## Security',
    '## Rollout',
    '## Appendix (Optional)',
    '### Glossary',
  ].join('\n\n'),
  { id: 'mini', source: 'mini.md' },
);

const lint = (headings: string[]) =>
  lintSource(headings.map((h) => `${h}\n\ntext`).join('\n\n'), { template }).diagnostics.map((d) => `${d.line}:${d.ruleId}:${d.message}`);

const full = ['# Spec: X', '## Overview', '## Goals', '### In Scope', '### Out of Scope', '## Components', '### Ingest', '#### Interfaces', '### Store', '#### Interfaces', '## Security', '## Rollout'];

describe('outline alignment', () => {
  it('accepts a complete spec with repeated wildcard sections and no optional ones', () => {
    expect(lint(full)).toEqual([]);
  });

  it('reports every missing section once, where it belongs', () => {
    const headings = full.filter((h) => h !== '## Overview' && h !== '## Security');
    expect(lint(headings)).toEqual([
      "5:section-required:Missing required section 'Overview' (level 2), expected before 'Goals'",
      "17:section-required:Missing required section 'Security' (level 2), expected after 'Components'",
    ]);
  });

  it('reports a swap of two sections as one section-order diagnostic', () => {
    const swapped = [...full];
    swapped.splice(10, 2, '## Rollout', '## Security');
    expect(lint(swapped)).toEqual(["45:section-order:Section 'Security' is out of order, expected before 'Rollout'"]);
  });

  it('does not report the subsections of a missing section', () => {
    const headings = full.filter((h) => !['## Goals', '### In Scope', '### Out of Scope'].includes(h));
    expect(lint(headings)).toEqual(["5:section-required:Missing required section 'Goals' (level 2), expected after 'Overview'"]);
  });

  it('checks required children in every instance of a repeatable section', () => {
    const headings = full.filter((h, i) => i !== 9);
    expect(lint(headings)).toEqual([
      "33:section-required:Missing required section 'Interfaces' (level 4), expected under 'Store'",
    ]);
  });

  it('tells a wrong level, a near-miss name and a duplicate apart', () => {
    const headings = [...full];
    headings[10] = '### Security';
    headings[3] = '### In-scope';
    headings.push('## Overview');
    expect(lint(headings)).toEqual([
      "13:section-name:Heading 'In-scope' does not match the template's required section 'In Scope': did you mean 'In Scope'?",
      "41:section-level:Section 'Security' is level 3, expected level 2",
      "49:section-duplicate:Duplicate section 'Overview': the template allows it once (first at line 5)",
    ]);
  });

  it('ignores sections the template does not know', () => {
    const headings = [...full];
    headings.splice(2, 0, '## Background', '### History');
    expect(lint(headings)).toEqual([]);
  });

  it('matches headings whatever their numbering, case and trailing punctuation', () => {
    const doc = buildDocument('# Spec: X\n\n## 1. overview:\n\n## 2. GOALS\n');
    const alignment = alignOutline(doc, template);
    expect([...alignment.slotOf.values()].map((s) => s.spec.title).sort()).toEqual(['Goals', 'Overview']);
    expect(alignment.findings.filter((f) => f.kind !== 'missing' && f.kind !== 'missing-many').map((f) => f.kind)).toEqual([]);
  });
});

describe('template detection', () => {
  it('scores each built-in highest for its own example and none for an unrelated document', () => {
    const templates = builtinTemplates();
    const rfc = buildDocument('# Title\n\n## Summary\n\n## Motivation\n\n## Drawbacks\n');
    const choice = detectTemplate(rfc, templates);
    expect(choice.template).toBeNull();
    expect(choice.reason).toBe('unknown');
    expect(choice.scores).toHaveLength(5);
  });

  it('prefers the front matter template key over detection, and --template over both', () => {
    const text = '---\ntemplate: numbered\n---\n# Technical Specification: X\n\n## Document Info\n';
    expect(lintSource(text).template).toBe('numbered');
    expect(lintSource(text, { template: 'design-doc' }).template).toBe('design-doc');
  });
});

describe('joined template headings', () => {
  const joined = deriveTemplate(
    ['# RFC: [Name]', '## Summary', '## Scope', '### Goals', '### Non-Goals/Future Work', '## Rationale and Alternatives', '## Drawbacks, Risks, and Unknowns', '## Unresolved Questions'].join('\n\n'),
    { id: 'joined', source: 'joined.md' },
  );
  const lintJoined = (headings: string[]) =>
    lintSource(headings.map((h) => `${h}\n\ntext`).join('\n\n'), { template: joined }).diagnostics.map((d) => `${d.line}:${d.ruleId}:${d.message}`);

  it('normalizes the serial comma, spacing around a slash, and splits a heading into singular parts', () => {
    expect(normalizeHeading('Performance, Ergonomics and Compatibility')).toBe(normalizeHeading('Performance, Ergonomics, and Compatibility'));
    expect(normalizeHeading('Non-Goals / Future Work')).toBe('non-goals/future work');
    expect(headingParts('performance, ergonomics and compatibility')).toEqual(['performance', 'ergonomic', 'compatibility']);
    expect(headingParts('status')).toEqual(['statu']);
    expect(headingParts('process')).toEqual(['process']);
  });

  it('accepts a joined section split into its parts at the subsection level', () => {
    expect(lintJoined(['# RFC: X', '## Summary', '## Scope', '### Goal', '### Non-Goals', '### Future work', '## Rationale', '## Alternatives', '## Risks & Unknowns', '## Unresolved Questions'])).toEqual([]);
  });

  it('does not take a part of one section for another section, nor a part away from its place', () => {
    expect(lintJoined(['# RFC: X', '## Summary', '## Scope', '### Goals', '### Non-Goals/Future Work', '## Drawbacks', '## Rationale and Alternatives', '## Unresolved Questions'])).toEqual([
      "25:section-required:Missing required section 'Drawbacks, Risks, and Unknowns' (level 2), expected after 'Rationale and Alternatives'",
    ]);
  });

  it('does not accept a part at another level: ending the section before its place, it is the section at the wrong level', () => {
    expect(lintJoined(['# RFC: X', '## Summary', '## Scope', '### Goals', '### Non-Goals/Future Work', '### Alternatives', '## Drawbacks, Risks, and Unknowns', '## Unresolved Questions'])).toEqual([
      "21:section-level:Section 'Alternatives' is level 3, expected level 2",
    ]);
  });
});

describe('synonyms and near misses', () => {
  const swiftLike = deriveTemplate(
    ['# Feature name', '## Introduction', '## Motivation', '## Proposed solution', '## Detailed design', '## Source compatibility', '## ABI compatibility'].join('\n\n'),
    { id: 'swift-like', source: 'swift-like.md' },
  );
  const lintSwift = (headings: string[]) =>
    lintSource(headings.map((h) => `${h}\n\ntext`).join('\n\n'), { template: swiftLike }).diagnostics.map((d) => `${d.line}:${d.ruleId}:${d.message}`);

  it("reads a misspelt section as itself before it reads it as another section's synonym", () => {
    // 'design' is a synonym of 'Proposed solution', but 'Detail Design' is a near miss of 'Detailed design'.
    expect(lintSwift(['# X', '## Introduction', '## Motivation', '## Detail Design', '## Source compatibility', '## ABI compatibility'])).toEqual([
      "9:section-required:Missing required section 'Proposed solution' (level 2), expected after 'Motivation'",
      "13:section-name:Heading 'Detail Design' does not match the template's required section 'Detailed design': did you mean 'Detailed design'?",
    ]);
  });

  it("reads a section's former names as the section: 'Impact on existing code', 'Effect on ABI stability'", () => {
    expect(lintSwift(['# X', '## Introduction', '## Motivation', '## Proposed solution', '## Detailed design', '## Impact on existing code', '## Effect on ABI stability'])).toEqual([
      "21:section-name:Heading 'Impact on existing code' is read as the template's required section 'Source compatibility' ('impact on existing code' is another name for it)",
      "25:section-name:Heading 'Effect on ABI stability' is read as the template's required section 'ABI compatibility' ('abi stability' is another name for it)",
    ]);
  });
});

describe('alignmentOf', () => {
  it('aligns a document with a template once, for the rules and the HTML report alike', () => {
    const doc = buildDocument('# Spec: Cache\n\n## Overview\n\nText.\n', 'spec.md');
    const first = alignmentOf(doc, template);
    expect(alignmentOf(doc, template)).toBe(first);
    expect(first).toEqual(alignOutline(doc, template));
    expect(alignmentOf(buildDocument('# Spec: Cache\n\n## Overview\n\nText.\n', 'spec.md'), template)).not.toBe(first);
  });
});
