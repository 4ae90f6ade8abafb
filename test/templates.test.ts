import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintText } from '../src/lint.js';
import { BUILTIN_TEMPLATES, builtinTemplates } from '../src/template/builtin.js';
import { TemplateError, deriveTemplate } from '../src/template/derive.js';
import { TemplateSchema } from '../src/template/schema.js';
import { ROOT, formatDiagnostic, read } from './helpers.js';

const STRUCTURE_RULES = new Set(['title', 'section-required', 'section-order', 'section-level', 'section-name', 'section-duplicate', 'table-required', 'table-columns', 'template-unknown']);

describe('built-in templates', () => {
  it('are the five fixed ids, each from templates/<id>.md', () => {
    expect(BUILTIN_TEMPLATES.map((t) => t.id)).toEqual(['component', 'feature', 'design-doc', 'numbered', 'tech-spec']);
    expect(readdirSync(`${ROOT}/templates`).sort()).toEqual(BUILTIN_TEMPLATES.map((t) => `${t.id}.md`).sort());
  });

  it.each(builtinTemplates().map((t) => [t.id, t] as const))('%s derives to a valid schema (snapshot)', (_id, template) => {
    expect(TemplateSchema.parse(template)).toEqual(template);
    expect(template).toMatchSnapshot();
  });

  it.each(BUILTIN_TEMPLATES.map((t) => t.id))('%s linted against itself has no structure diagnostics', (id) => {
    const result = lintText(read(`templates/${id}.md`), { filePath: `templates/${id}.md`, template: id });
    expect(result.diagnostics.filter((d) => STRUCTURE_RULES.has(d.ruleId)).map(formatDiagnostic)).toEqual([]);
  });

  it.each(BUILTIN_TEMPLATES.map((t) => t.id))('%s is detected for its own template file', (id) => {
    expect(lintText(read(`templates/${id}.md`)).template).toBe(id);
  });
});

describe('examples', () => {
  const examples = readdirSync(`${ROOT}/examples`).filter((f) => f.endsWith('.md'));
  it('has one example per built-in template', () => {
    const detected = examples.map((f) => lintText(read(`examples/${f}`)).template).sort();
    expect(detected).toEqual(BUILTIN_TEMPLATES.map((t) => t.id).sort());
  });
  it.each(examples)('%s lints clean', (file) => {
    expect(lintText(read(`examples/${file}`), { filePath: `examples/${file}` }).diagnostics.map(formatDiagnostic)).toEqual([]);
  });
});

const derive = (markdown: string) => deriveTemplate(markdown, { id: 'custom', source: 'custom.md' });

describe('template derivation', () => {
  it('reads sections, levels and tables from plain Markdown', () => {
    const t = derive('# RFC: [Title]\n\n## Summary\n\nx\n\n## Design\n\n### Data\n\n| Name | Type |\n|---|---|\n| a | b |\n');
    expect(t.title).toEqual({ text: 'RFC: [Title]', pattern: '^rfc:\\s*.+$' });
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
    expect(t.sections[0]?.children[0]).toMatchObject({ repeatable: true, pattern: '^phase\\s+\\d+\\b.*$' });
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

describe('built-in templates and the content rules', () => {
  const CODE_FENCE = /^(```|~~~)/;
  /** Bracket placeholders found by a plain line scan, independent of the rule's implementation. */
  function bracketsByLine(text: string): Map<number, number> {
    const counts = new Map<number, number>();
    let inCode = false;
    let inFrontMatter = false;
    text.split('\n').forEach((line, index) => {
      if (index === 0 && line === '---') inFrontMatter = true;
      else if (inFrontMatter && line === '---') inFrontMatter = false;
      if (CODE_FENCE.test(line.trim())) inCode = !inCode;
      if (inCode || /^\s*<!--/.test(line)) return;
      const scrubbed = line.replace(/`[^`]*`/g, '').replace(/\[[^\]]*\]\([^)]*\)/g, '').replace(/^\s*[-*] \[[ xX]\]/, '').replace(/\| \[ \] \|/g, '');
      const n = (scrubbed.match(/\[[^\]]*[A-Za-z][^\]]*\]/g) ?? []).length;
      if (n > 0) counts.set(index + 1, n);
    });
    return counts;
  }

  it.each(BUILTIN_TEMPLATES.map((t) => t.id))('%s linted against itself gives placeholder diagnostics only, one at least for every bracket placeholder', (id) => {
    const text = read(`templates/${id}.md`);
    const diagnostics = lintText(text, { template: id }).diagnostics;
    expect(diagnostics.filter((d) => d.ruleId !== 'placeholder').map(formatDiagnostic)).toEqual([]);
    const perLine = new Map<number, number>();
    for (const d of diagnostics) perLine.set(d.line, (perLine.get(d.line) ?? 0) + 1);
    for (const [line, count] of bracketsByLine(text)) {
      expect(perLine.get(line) ?? 0, `templates/${id}.md line ${line}`).toBeGreaterThanOrEqual(count);
    }
  });
});
