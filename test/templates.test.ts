import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isKeyVariant } from '../src/template/field-variants.js';
import { lintSource } from '../src/engine/lint-source.js';
import { BUILTIN_TEMPLATES, builtinTemplates } from '../src/template/builtin.js';
import { TemplateError, deriveTemplate } from '../src/template/derive.js';
import { TemplateSchema } from '../src/template/schema.js';
import { detectTemplate, scoreTemplate } from '../src/template/choose.js';
import { buildDocument } from '../src/document/index.js';
import { normalizeHeading } from '../src/util/text.js';
import type { Diagnostic } from '../src/core/types.js';
import { ROOT, formatDiagnostic, read } from './helpers.js';

const STRUCTURE_RULES = new Set(['title', 'section-required', 'section-order', 'section-level', 'section-name', 'section-duplicate', 'table-required', 'table-columns', 'template-unknown']);

describe('built-in templates', () => {
  it('are the five fixed ids, each from templates/<id>.md', () => {
    expect(BUILTIN_TEMPLATES.map((t) => t.id)).toEqual(['component', 'feature', 'design-doc', 'numbered', 'tech-spec']);
    expect(readdirSync(`${ROOT}/templates`).filter((f) => f.endsWith('.md')).sort()).toEqual(BUILTIN_TEMPLATES.map((t) => `${t.id}.md`).sort());
  });

  it.each(builtinTemplates().map((t) => [t.id, t] as const))('%s derives to a valid schema (snapshot)', (_id, template) => {
    expect(TemplateSchema.parse(template)).toEqual(template);
    expect(template).toMatchSnapshot();
  });

  it.each(BUILTIN_TEMPLATES.map((t) => t.id))('%s linted against itself has no structure diagnostics', (id) => {
    const result = lintSource(read(`templates/${id}.md`), { filePath: `templates/${id}.md`, template: id });
    expect(result.diagnostics.filter((d) => STRUCTURE_RULES.has(d.ruleId)).map(formatDiagnostic)).toEqual([]);
  });

  it.each(BUILTIN_TEMPLATES.map((t) => t.id))('%s is detected for its own template file', (id) => {
    expect(lintSource(read(`templates/${id}.md`)).template).toBe(id);
  });
});

describe('examples', () => {
  const examples = readdirSync(`${ROOT}/examples`).filter((f) => f.endsWith('.md'));
  it('has one example per built-in template', () => {
    const detected = examples.map((f) => lintSource(read(`examples/${f}`)).template).sort();
    expect(detected).toEqual(BUILTIN_TEMPLATES.map((t) => t.id).sort());
  });
  it.each(examples)('%s lints clean', (file) => {
    expect(lintSource(read(`examples/${file}`), { filePath: `examples/${file}` }).diagnostics.map(formatDiagnostic)).toEqual([]);
  });
});

const derive = (markdown: string) => deriveTemplate(markdown, { id: 'custom', source: 'custom.md' });

describe('template derivation', () => {
  it('reads sections, levels and tables from plain Markdown', () => {
    const t = derive('# RFC: [Title]\n\n## Summary\n\nx\n\n## Design\n\n### Data\n\n| Name | Type |\n|---|---|\n| a | b |\n');
    expect(t.title).toEqual({ text: 'RFC: [Title]', pattern: '^rfc:\\s*.+$', level: 1 });
    expect(t.sections.map((s) => [s.title, s.level, s.required])).toEqual([['Summary', 2, true], ['Design', 2, true]]);
    expect(t.sections[1]?.children[0]?.tables).toEqual([{ columns: ['Name', 'Type'], required: true }]);
  });

  it('makes bracket-placeholder headings repeatable wildcards, merging their examples', () => {
    const t = derive('# X\n\n## Key Components\n\n### [Component 1]\n\na\n\n### [Component 2]\n\nb\n\n## Entities\n\n#### Entity 1: [Entity Name]\n');
    const components = t.sections[0]?.children ?? [];
    expect(components).toHaveLength(1);
    expect(components[0]).toMatchObject({ title: '[Component 1]', pattern: '^.+$', repeatable: true });
    expect(t.sections[1]?.children[0]?.pattern).toBe('^entity\\s*\\d+:\\s*.+$');
  });

  it('treats numbered example siblings as one repeatable pattern', () => {
    const t = derive('# X\n\n## Plan\n\n### Phase 1: Core\n\n### Phase 2: Extras\n');
    expect(t.sections[0]?.children).toHaveLength(1);
    expect(t.sections[0]?.children[0]).toMatchObject({ repeatable: true, required: false, pattern: '^phase\\s*\\d+\\b.*$' });
  });

  it('honours (Optional), (if applicable) and speclint directives', () => {
    const t = derive(
      '<!-- speclint: optional-from-level 3 -->\n# X\n\n## A (Optional)\n\n## B (if applicable)\n\n## C\n<!-- speclint: optional -->\n\n## D\n\n### E\n\n### F\n<!-- speclint: required; repeatable -->\n\n## G <!-- speclint: optional -->\n',
    );
    expect(t.sections.map((s) => [s.title, s.required])).toEqual([['A', false], ['B', false], ['C', false], ['D', true], ['G', false]]);
    expect(t.sections[3]?.children.map((s) => [s.title, s.required, s.repeatable])).toEqual([['E', false, false], ['F', true, true]]);
  });

  it.each([
    ['**Status**: Draft | Review | Approved | Implemented', ['Draft', 'Review', 'Approved', 'Implemented']],
    ['- **Status**: [Draft | Review]', ['Draft', 'Review']],
    ['| **Status** | Draft / In Review / Approved |', ['Draft', 'In Review', 'Approved']],
  ])('derives the status set from %s', (line, values) => {
    const table = line.startsWith('|') ? '| Field | Value |\n|---|---|\n' : '';
    const t = derive(`# X\n\n${table}${line}\n\n## A\n`);
    expect(t.metadata.fields.find((f) => f.kind === 'status')?.values).toEqual(values);
  });

  it('does not take a single example value as the status set, unless annotated', () => {
    expect(derive('---\nstatus: DRAFT\n---\n# X\n\n## A\n').metadata.fields[0]).toMatchObject({ kind: 'status', values: null });
    const annotated = derive('---\nstatus: DRAFT\n---\n<!-- speclint: statuses DRAFT | FINAL -->\n# X\n\n## A\n');
    expect(annotated.metadata.fields[0]?.values).toEqual(['DRAFT', 'FINAL']);
  });

  it('marks front matter fields with a "# Optional" comment optional and date fields as dates', () => {
    const t = derive('---\ncreated: YYYY-MM-DD\nrelated_prd:   # Optional - link\n---\n# X\n\n## A\n');
    expect(t.metadata.fields).toEqual([
      { key: 'created', normalizedKey: 'created', required: true, kind: 'date', values: null },
      { key: 'related_prd', normalizedKey: 'related prd', required: false, kind: 'text', values: null },
    ]);
  });

  it('rejects a template without sections, and bad directives, with a TemplateError', () => {
    expect(() => derive('just text\n')).toThrow(TemplateError);
    expect(() => derive('<!-- speclint: optional-from-level nine -->\n## A\n')).toThrow(/optional-from-level/);
    expect(() => derive('<!-- speclint: statuses ONLY -->\n## A\n')).toThrow(/statuses/);
  });

  it('treats a descriptive last part of the title as a placeholder', () => {
    expect(derive('# KEP-NNNN: Your short, descriptive title\n\n## Summary\n').title?.pattern).toBe('^kep-[a-z0-9]+:\\s*.+$');
    expect(derive('# Feature name\n\n## Summary\n').title?.pattern).toBe('^.+$');
    expect(derive('# Technical Specification\n\n## Summary\n').title?.pattern).toBe('^technical\\s*specification\\b.*$');
  });

  it('has no title when the template has no single leading H1', () => {
    const t = derive('# Summary\n\n# Motivation\n');
    expect(t.title).toBeNull();
    expect(t.sections.map((s) => [s.title, s.level])).toEqual([['Summary', 1], ['Motivation', 1]]);
  });
});

describe('deriving what a template marks optional in words', () => {
  const requiredOf = (body: string, heading = '## B'): boolean | undefined =>
    derive(`# X\n\n## A\n\nText.\n\n${heading}\n\n${body}\n\n## C\n\nText.\n`).sections.find((s) => s.key === 'b')?.required;

  it.each([
    ['<!--\n  This section is optional.\n\n  Describe the motivation.\n-->'],
    ['<!-- This section is optional for non-Core EIPs. -->'],
    ['{{This section is optional if there are no actual prior examples in other tools}}'],
    ['[A discussion of open issues. This section may be omitted if there are none.]'],
    ['Optional: list the people you consulted.'],
    ['_Optional:_ list the people you consulted.'],
    ['If applicable, how will the component be upgraded?'],
    ['<!--\nIf applicable, how will the component handle version skew?\n-->'],
    ['Remove this section if the change has no user-facing part.'],
    ['{{THIS SECTION SHOULD BE REMOVED BEFORE RATIFICATION}}'],
    ['<!-- (optional) -->\nNotes for reviewers.'],
    ['**Note:** *Section not required until targeted at a release.*'],
  ])('makes a section optional when its intro says %j', (body) => {
    expect(requiredOf(body)).toBe(false);
  });

  it.each([
    ['List the optional dependencies and the features they enable.'],
    ['The motivation section can optionally provide links to experience reports.'],
    ['- If applicable, provide sample error messages.\n- Explain the feature with examples.'],
    ['Describe the design.\n\nIf applicable, add diagrams.'],
    ['{{Give an overview.}}\n\n{{THIS SECTION IS REQUIRED FOR RATIFICATION -- you can skip it if you do not know the details yet}}'],
    ['If there are no concerns to raise in this section, leave it in with text like "none".'],
  ])('keeps a section required when its intro says %j', (body) => {
    expect(requiredOf(body)).toBe(true);
  });

  it('reads only the intro, not the subsections\' text', () => {
    const t = derive('# X\n\n## B\n\nDescribe it.\n\n### Details\n\nThis section is optional.\n');
    expect(t.sections[0]).toMatchObject({ required: true, children: [{ title: 'Details', required: false }] });
  });

  it('reads a comment right above a heading as marking that heading (MADR)', () => {
    const t = derive(
      '# {short title}\n\n## Context\n\n{Describe the context.}\n\n<!-- This is an optional element. Feel free to remove. -->\n## Decision Drivers\n\n* {driver 1}\n\n## Considered Options\n\n* {option 1}\n',
    );
    expect(t.sections.map((s) => [s.title, s.required])).toEqual([['Context', true], ['Decision Drivers', false], ['Considered Options', true]]);
  });

  it('makes a heading optional that only groups optional subsections', () => {
    const t = derive('# X\n\n## Additional Details\n\n### Test Plan [optional]\n\nText.\n\n### Graduation Criteria (Optional)\n\nText.\n\n## Notes\n\n### Scope\n\nText.\n');
    expect(t.sections.map((s) => [s.title, s.required])).toEqual([['Additional Details', false], ['Notes', true]]);
    expect(t.sections[0]?.children.map((s) => [s.title, s.required, s.pattern])).toEqual([['Test Plan', false, null], ['Graduation Criteria', false, null]]);
  });
});

describe('deriving example headings', () => {
  it('makes sibling request lines one optional, repeatable example slot', () => {
    const t = derive('# X\n\n## API\n\n### Endpoints\n\n#### POST /resource\n\nCreate.\n\n#### GET /resource/{id}\n\nRead.\n\n#### GET /resources\n\nList.\n');
    const endpoints = t.sections[0]?.children[0]?.children ?? [];
    expect(endpoints).toHaveLength(1);
    expect(endpoints[0]).toMatchObject({ title: 'POST /resource', required: false, repeatable: true });
    expect(new RegExp(endpoints[0]?.pattern ?? '$^').test('delete /orders/{id}')).toBe(true);
  });

  it('keeps a single request-line heading as it is', () => {
    const t = derive('# X\n\n## API\n\n### POST /resource\n\nCreate.\n');
    expect(t.sections[0]?.children[0]).toMatchObject({ required: true, pattern: null });
  });

  it('reads the subsections of a section marked optional as its suggested layout, optional too', () => {
    const t = derive('# X\n\n## Proposal\n\nText.\n\n### Requirements (Optional)\n\nText.\n\n#### Functional Requirements\n\nText.\n\n#### Non-Functional Requirements\n\nText.\n\n### Risks\n\nText.\n');
    expect(t.sections[0]?.children.map((s) => [s.title, s.required])).toEqual([['Requirements', false], ['Risks', true]]);
    expect(t.sections[0]?.children[0]?.children.map((s) => [s.title, s.required])).toEqual([['Functional Requirements', false], ['Non-Functional Requirements', false]]);
  });

  it('reads elided and numbered stand-in headings as optional examples', () => {
    const t = derive('# X\n\n## Impacts\n\n### Impact: ... 1\n\nText.\n\n## Requirements\n\n### FR1\n\n### FR2\n\n## Tests\n\n### Unit Tests\n\n### Integration Tests\n');
    expect(t.sections[0]?.children[0]).toMatchObject({ required: false, repeatable: true, pattern: '^impact(?:\\s*\\d+)?\\s*:\\s*.+$' });
    // A spec may number the label instead: "Impact 2: Latency".
    expect(new RegExp(t.sections[0]?.children[0]?.pattern ?? '').test('impact 2: latency')).toBe(true);
    expect(t.sections[1]?.children.map((s) => [s.title, s.required, s.pattern])).toEqual([['FR1', false, '^fr\\s*\\d+\\b.*$']]);
    // Siblings of one shape but without a number are real sections.
    expect(t.sections[2]?.children.map((s) => [s.title, s.required])).toEqual([['Unit Tests', true], ['Integration Tests', true]]);
  });

  it('keeps a heading whose ellipsis only shortens a list as a required section', () => {
    const t = derive('# X\n\n## Scalability\n\n###### Will it increase resource usage (CPU, RAM, disk, IO, ...) in any components?\n\nText.\n');
    expect(t.sections[0]?.children[0]).toMatchObject({ required: true, pattern: null });
  });
});

describe('deriving the title pattern', () => {
  it.each([
    ['# CFP-003: Template', '^cfp-\\d+:\\s*.+$', ['CFP-22215: Faster builds', 'cfp-5: x'], ['Faster builds']],
    ['# RFC-0000: Feature Name Here', '^rfc-\\d+:\\s*.+$', ['RFC-0042: Coretime', 'RFC-5: x'], ['Coretime']],
    ['# {{TITLE: a human-readable title for this RFC!}}', '^.+$', ['npm audit fix can apply overrides'], []],
    ['# Your Feature', '^.+$', ['Saved searches'], []],
    ['# Template', '^.+$', ['Saved searches'], []],
    ['# Proposal: [Title]', '^proposal:\\s*.+$', ['Proposal: Generics'], ['Generics']],
    ['# Technical Specification', '^technical\\s*specification\\b.*$', ['Technical Specification: Payments'], ['Payments']],
  ])('%s reads as %s', (heading, pattern, matching, failing) => {
    const title = derive(`${heading}\n\n## Summary\n\nText.\n`).title;
    expect(title?.pattern).toBe(pattern);
    for (const text of matching) expect(new RegExp(pattern, 'i').test(normalizeHeading(text)), text).toBe(true);
    for (const text of failing) expect(new RegExp(pattern, 'i').test(normalizeHeading(text)), text).toBe(false);
  });

  it('takes a placeholder H2 right under a `# Template` H1 as the title slot, not a section', () => {
    const t = derive('# Template\n\nCopy this file.\n\n## Your Proposal Title\n\n* **Owners:** `<@author>`\n\n## Why\n\nText.\n\n## How\n\nText.\n');
    expect(t.title).toEqual({ text: 'Your Proposal Title', pattern: '^.+$', level: 2 });
    expect(t.sections.map((s) => s.title)).toEqual(['Why', 'How']);
  });

  it('takes a leading setext H2 `Title` in a template with no H1 as the title slot', () => {
    const t = derive('Title\n-----\n\nSummary\n-------\n\nText.\n\nDesign\n------\n\nText.\n');
    expect(t.title).toEqual({ text: 'Title', pattern: '^.+$', level: 2 });
    expect(t.sections.map((s) => s.title)).toEqual(['Summary', 'Design']);
  });

  it('keeps a real H2 under a generic H1 as a section', () => {
    const t = derive('# Template\n\n## Summary\n\nText.\n\n## Design\n\nText.\n');
    expect(t.title).toMatchObject({ text: 'Template', level: 1 });
    expect(t.sections.map((s) => s.title)).toEqual(['Summary', 'Design']);
  });
});

describe('detecting a template that has no H1', () => {
  it('scores a spec with an H1 and exactly the template\'s sections as a fit', () => {
    const template = derive('## Abstract\n\nText.\n\n## Motivation\n\nText.\n\n## Specification\n\nText.\n\n## Rationale\n\nText.\n');
    expect(template.title).toBeNull();
    const doc = buildDocument('# Token Standard\n\n## Abstract\n\nA.\n\n## Motivation\n\nM.\n\n## Specification\n\nS.\n\n## Rationale\n\nR.\n');
    expect(scoreTemplate(doc, template)).toBe(1);
    expect(detectTemplate(doc, [template]).template?.id).toBe(template.id);
    const result = lintSource(doc.source.text, { template });
    expect(result.diagnostics.filter((d) => STRUCTURE_RULES.has(d.ruleId)).map(formatDiagnostic)).toEqual([]);
  });
});

describe('built-in templates and the content rules', () => {
  const CODE_FENCE = /^(```|~~~)/;
  interface BracketAt {
    line: number;
    column: number;
    endColumn: number;
    text: string;
  }
  /** Bracket placeholders found by a plain line scan, independent of the rule's implementation (1-based columns, end exclusive). */
  function bracketPlaceholdersByScan(text: string): BracketAt[] {
    const found: BracketAt[] = [];
    let inCode = false;
    let inFrontMatter = false;
    text.split('\n').forEach((line, index) => {
      if (index === 0 && line === '---') inFrontMatter = true;
      else if (inFrontMatter && line === '---') inFrontMatter = false;
      if (CODE_FENCE.test(line.trim())) inCode = !inCode;
      if (inCode || /^\s*<!--/.test(line)) return;
      // Blanked to the same length, so columns stay: code spans, links and task boxes hold no placeholder.
      const blank = (m: string): string => ' '.repeat(m.length);
      const scrubbed = line
        .replace(/`[^`]*`/g, blank)
        .replace(/\[[^\]]*\]\([^)]*\)/g, blank)
        .replace(/^\s*[-*] \[[ xX]\]/, blank)
        .replace(/\| \[ \] \|/g, blank);
      for (const m of scrubbed.matchAll(/\[[^\]]*[A-Za-z][^\]]*\]/g)) {
        found.push({ line: index + 1, column: m.index + 1, endColumn: m.index + 1 + m[0].length, text: m[0] });
      }
    });
    return found;
  }

  function covers(d: Diagnostic, b: BracketAt): boolean {
    const startsBefore = d.line < b.line || (d.line === b.line && d.column <= b.column);
    const endsAfter = d.endLine > b.line || (d.endLine === b.line && d.endColumn >= b.endColumn);
    return startsBefore && endsAfter;
  }

  // One diagnostic per root cause: a copied example line is one diagnostic whose span covers all its
  // brackets, so each bracket must lie inside some placeholder diagnostic's span, not have its own.
  it.each(BUILTIN_TEMPLATES.map((t) => t.id))('%s linted against itself gives placeholder diagnostics only, every bracket placeholder inside one', (id) => {
    const text = read(`templates/${id}.md`);
    const diagnostics = lintSource(text, { template: id }).diagnostics;
    expect(diagnostics.filter((d) => d.ruleId !== 'placeholder').map(formatDiagnostic)).toEqual([]);
    const brackets = bracketPlaceholdersByScan(text);
    expect(brackets.length).toBeGreaterThan(0);
    const uncovered = brackets.filter((b) => !diagnostics.some((d) => covers(d, b)));
    expect(uncovered.map((b) => `templates/${id}.md:${b.line}:${b.column} ${b.text}`)).toEqual([]);
  });
});

describe('metadata key variants', () => {
  it.each([
    ['Rust Issue', 'Tracking Issue', true],
    ['RFC PR', 'eRFC PR', true],
    ['Implementation Status', 'Implementation', true],
    ['Start Date', 'Original Proposition Date', true],
    ['Cilium Release', 'Target Cilium Release', true],
    ['Review Manager', 'Review', false],
    ['Review', 'Previous Review', false],
    ['Previous Proposal', 'Next Proposal', false],
    ['Previous Revision', 'Revision', false],
    ['Status', 'Implementation Status', false],
  ])("'%s' written as '%s': %s", (templateKey, specKey, expected) => {
    expect(isKeyVariant(templateKey, specKey)).toBe(expected);
  });
});
