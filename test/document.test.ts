import { describe, expect, it } from 'vitest';
import { buildDocument } from '../src/document/index.js';
import { metadataKeyId } from '../src/document/metadata.js';
import { isStatus, matchStatus } from '../src/content/status.js';
import { statusValues } from '../src/template/metadata-fields.js';
import { normalizeHeading, normalizeKey } from '../src/util/text.js';

describe('outline', () => {
  const doc = buildDocument('# Title\n\nintro\n\n## A\n\n---\n\n<!-- note -->\n\n## B\n\ntext\n\n### B.1 *Deep* `code`\n\nmore\n\n## C\n');
  it('builds the heading tree with levels, plain text and positions', () => {
    const [title] = doc.root.children;
    expect(title?.text).toBe('Title');
    expect(title?.children.map((s) => s.text)).toEqual(['A', 'B', 'C']);
    const b = title?.children[1];
    expect(b?.children[0]?.text).toBe('B.1 Deep code');
    expect(b?.children[0]?.span.start).toMatchObject({ line: 15, column: 1 });
    expect(b?.span.end).toMatchObject({ line: 11, column: 5 });
  });
  it('knows which sections have content of their own', () => {
    expect(doc.sections.map((s) => [s.text, s.hasOwnContent])).toEqual([
      ['Title', true],
      ['A', false],
      ['B', true],
      ['B.1 Deep code', true],
      ['C', false],
    ]);
  });
  it('gives each section its range and its own content range', () => {
    const b = doc.sections[2];
    expect(doc.source.text.slice(b?.start, b?.end)).toBe('## B\n\ntext\n\n### B.1 *Deep* `code`\n\nmore\n\n');
    expect(doc.source.text.slice(b?.contentStart, b?.contentEnd).trim()).toBe('text');
  });
});

describe('tables', () => {
  it('collects GFM tables per section with header cells, rows and positions', () => {
    const doc = buildDocument('# T\n\n## Data\n\n| Field | Type |\n|---|:-:|\n| id | UUID |\n| name | `text` |\n');
    const section = doc.sections[1];
    const [table] = doc.tablesBySection.get(section!) ?? [];
    expect(table?.header.map((c) => c.text)).toEqual(['Field', 'Type']);
    expect(table?.rows.map((r) => r.map((c) => c.text))).toEqual([['id', 'UUID'], ['name', 'text']]);
    expect(table?.span.start).toMatchObject({ line: 5, column: 1 });
  });
});

describe('metadata', () => {
  it.each([
    ['front matter', '---\nstatus: DRAFT\nlast_updated: 2026-01-02\n---\n# T\n', 'front-matter', 2, 9],
    ['bold lines', '# T\n\n**Status**: DRAFT\n**Last Updated**: 2026-01-02\n', 'line', 3, 13],
    ['colon inside bold', '# T\n\n**Status:** DRAFT\n**Last Updated:** 2026-01-02\n', 'line', 3, 13],
    ['bold list items', '# T\n\n## Document Info\n\n- **Status**: DRAFT\n- **Last-Updated**: 2026-01-02\n', 'list', 5, 15],
    ['bold-key tables', '# T\n\n| Field | Value |\n|---|---|\n| **Status** | DRAFT |\n| **Last updated** | 2026-01-02 |\n', 'table', 5, 16],
  ])('reads %s into one normalized map with value positions', (_name, text, form, line, column) => {
    const { metadata } = buildDocument(text);
    expect(metadata.form).toBe(form);
    expect(metadata.get('Status')).toMatchObject({ value: 'DRAFT', span: { start: { line, column } } });
    expect(metadata.get('last_updated')?.value).toBe('2026-01-02');
    expect(metadata.get('Last Updated')?.value).toBe('2026-01-02');
  });

  it('does not take bold key lines from the body of the spec as metadata', () => {
    const { metadata } = buildDocument('# T\n\n## Components\n\n- **Status**: 200 OK\n**Owner**: team\n');
    expect(metadata.entries).toEqual([]);
  });

  it.each([
    ['a plain-key table', '# T\n\n| Field | Value |\n|---|---|\n| Status | DRAFT |\n', 'table'],
    ['a table whose header row is a field', '# T\n\n| Status | DRAFT |\n|---|---|\n| Owner | Ana |\n', 'table'],
    ['plain bullets', '# T\n\n* Status: DRAFT\n* Owner: Ana\n', 'list'],
    ['a bold key without a colon', '# T\n\n**Status** DRAFT\n\n**Owner** Ana\n', 'line'],
    ['the whole field in bold', '# T\n\n**Status: DRAFT**\n', 'line'],
  ])('reads %s', (_name, text, form) => {
    const { metadata } = buildDocument(text);
    expect(metadata.form).toBe(form);
    expect(metadata.get('status')?.value).toBe('DRAFT');
  });

  it('does not take a column-title header row or an empty one for a field', () => {
    const { metadata } = buildDocument('# T\n\n| | |\n|---|---|\n| **Start Date** | 2026-01-02 |\n');
    expect(metadata.entries.map((e) => e.key)).toEqual(['Start Date']);
  });

  it('matches keys across number: Author, Authors, Author(s); Sponsor, Sponsors', () => {
    const { metadata } = buildDocument('# T\n\n* Author(s): Ana\n* Sponsors: Li\n');
    expect(metadata.get('Authors')?.value).toBe('Ana');
    expect(metadata.get('Author')?.value).toBe('Ana');
    expect(metadata.get('sponsor')?.value).toBe('Li');
    expect(metadataKeyId('Status')).toBe('status');
  });

  it('reads only the metadata block: not bullets of body sections, even under H1 headings', () => {
    const { metadata } = buildDocument('* Status: Draft\n\n# Design\n\n* Lower maintenance: one path\n* Author: team\n');
    expect(metadata.entries.map((e) => e.key)).toEqual(['Status']);
  });

  it('reads a title written as an H2 whose content opens with fields, and values in nested lists', () => {
    const { metadata } = buildDocument('## Created Timestamps\n\n* **Owners**\n  * Ana\n\n* **Implementation Status:** Partially implemented\n\n## Why\n');
    expect(metadata.get('owners')?.value).toBe('Ana');
    expect(metadata.get('implementation status')?.value).toBe('Partially implemented');
  });

  it('keeps the comment beside a value apart from it', () => {
    const yaml = buildDocument('---\nstatus: draft # draft | accepted\n---\n# T\n').metadata.get('status');
    expect(yaml).toMatchObject({ value: 'draft', comment: 'draft | accepted' });
    const line = buildDocument('# T\n\n**Status:** Proposed <!-- Proposed, Accepted -->\n').metadata.get('status');
    expect(line).toMatchObject({ value: 'Proposed', comment: 'Proposed, Accepted' });
  });

  it('reports invalid front matter instead of throwing', () => {
    const { metadata } = buildDocument('---\nstatus: [unclosed\n---\n# T\n');
    expect(metadata.frontMatterProblem).toMatchObject({ kind: 'yaml', unreadable: true, span: { start: { line: 2 } } });
  });

  it('strips a byte-order mark so positions stay right', () => {
    const { metadata } = buildDocument('\uFEFF**Status**: Draft\n');
    expect(metadata.get('status')?.span.start).toMatchObject({ line: 1, column: 13 });
  });
});

describe('normalization', () => {
  it.each([
    ['1. Overview', 'overview'],
    ['11.2 References', 'references'],
    ['Goals & Non-Goals', 'goals and non-goals'],
    ['Story 1 (Optional)', 'story 1'],
    ['  Testing   Strategy: ', 'testing strategy'],
    ['Non Goals', 'non goals'],
  ])('normalizes heading %j to %j', (input, expected) => {
    expect(normalizeHeading(input)).toBe(expected);
  });
  it.each([['Last Updated', 'last updated'], ['last_updated', 'last updated'], ['lastUpdated', 'last updated'], ['tech-spec-id', 'tech spec id']])(
    'normalizes key %j to %j',
    (input, expected) => expect(normalizeKey(input)).toBe(expected),
  );
});

describe('status values', () => {
  it.each([
    ['In Review', 'Review', true],
    ['Review', 'In Review', true],
    ['Implemented (v1.2)', 'Implemented', true],
    ['Approved (2026-02-01)', 'Approved', true],
    ['**Implemented (Swift 5.9)**', 'Implemented', true],
    ['Released Cilium 1.17', 'Released', true],
    ['Dormant[^a]', 'Dormant', true],
    ['Not implemented', 'Implemented', false],
    ['Implementable', 'Implemented', false],
    ['Drafted', 'Draft', false],
  ])('%s is %s: %s', (value, status, expected) => {
    expect(isStatus(value, status)).toBe(expected);
  });

  it('prefers the exact and then the longest allowed name', () => {
    expect(matchStatus('Accepted with modifications', ['Accepted', 'Accepted with modifications'])).toBe('Accepted with modifications');
    expect(matchStatus('accepted', ['Accepted', 'Accepted with modifications'])).toBe('Accepted');
    expect(matchStatus('Shipped', ['Draft', 'Final'])).toBeUndefined();
  });

  it.each([
    ['Draft | Review | Approved', ['Draft', 'Review', 'Approved']],
    ['[draft, accepted, rejected]', ['draft', 'accepted', 'rejected']],
    ['Implementable, Released, Dormant, Declined', ['Implementable', 'Released', 'Dormant', 'Declined']],
    ['one of: proposed, accepted', ['proposed', 'accepted']],
    ['Draft', null],
    ['**Awaiting implementation** or **Awaiting review**', null],
    ['Describe the status, in a sentence or two', null],
  ])('a template writes the set %s', (value, expected) => {
    expect(statusValues(value)).toEqual(expected);
  });
});
