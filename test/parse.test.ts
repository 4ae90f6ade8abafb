import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { mayHaveTable, parseMarkdown, remarkSpecSyntax } from '../src/input/parse.js';
import { SHARED, markdownUnder, projectMarkdown } from './helpers.js';

/** The parser with the table construct always on: what parseMarkdown must match. */
const withTables = unified().use(remarkParse).use(remarkSpecSyntax).use(remarkFrontmatter, ['yaml']);

function hasTable(tree: Root): boolean {
  let found = false;
  visit(tree, 'table', () => {
    found = true;
  });
  return found;
}

/** Tables as micromark finds them, in every place and form its table tokenizer accepts. */
const TABLES = [
  '| a | b |\n| - | - |\n| 1 | 2 |\n',
  'a | b\n--|--\n',
  // No pipe in the head row, or none at all: a colon in the delimiter row is enough.
  'a\n|-\n',
  'a\n:-:\n',
  'a\n-:\n',
  '> | a |\n> | :- |\n',
  '> > a | b\n> > --|--\n',
  '- item\n\n  | a | b |\n  |---|---|\n',
  '1. x\n   a | b\n\t-|-\n',
  '[^1]: note\n\n    | a |\n    | - |\n\nText[^1].\n',
  '| a |\r\n| - |\r\n',
  '| a |\r| - |\r',
  'para\n\n|a|b|\n|:-|-:|\n  ',
  '| a |\n|\t-\t|',
];

/** Near misses: no table; whether the check lets each through (true: parsed with the table construct all the same). */
const NOT_TABLES: [string, boolean][] = [
  ['# Title\n\nJust prose, a list:\n\n- one\n- two\n', false],
  ['```rust\nlet f = |x| x + 1;\nmatch y { A | B => 0 }\n```\n', false],
  ['Time: 10:30 - 11:00\n', false],
  ['| a |\n| x |\n', false],
  // A setext underline and a thematic break: dashes alone are no delimiter row.
  ['a\n-\n', false],
  ['a | b\n- - -\n', false],
  // Lines the check cannot tell from a delimiter row: the table construct is tried and fails.
  ['a\n\n| - |\n', true],
  ['Not a head row\n\n> :-:\n', true],
];

describe('parsing without the table construct where no line could be a delimiter row', () => {
  it.each(TABLES)('keeps the table construct for %j', (text) => {
    expect(hasTable(withTables.parse(text))).toBe(true);
    expect(mayHaveTable(text)).toBe(true);
    expect(parseMarkdown(text)).toEqual(withTables.parse(text));
  });

  it.each(NOT_TABLES)('builds the same tree for %j', (text, letThrough) => {
    expect(hasTable(withTables.parse(text))).toBe(false);
    expect(mayHaveTable(text)).toBe(letThrough);
    expect(parseMarkdown(text)).toEqual(withTables.parse(text));
  });

  it('skips the table construct for prose with pipes, colons and dashes', () => {
    expect(mayHaveTable('A: b - c\n\n> quoted | piped\n\n---\n\n* * *\n')).toBe(false);
  });

  it('builds the same tree as with the table construct on every fixture, example, template and rule doc', () => {
    const files = projectMarkdown();
    expect(files.length).toBeGreaterThan(100);
    let skipped = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      if (!mayHaveTable(text)) skipped++;
      expect(parseMarkdown(text), file).toEqual(withTables.parse(text));
    }
    // The check does skip the construct where it can (else it would be testing nothing).
    expect(skipped).toBeGreaterThan(files.length / 4);
  });

  const corpus = join(SHARED, 'corpus');
  it.skipIf(!existsSync(corpus))('builds the same tree as with the table construct on every 20th corpus document (../shared/corpus)', () => {
    const files = markdownUnder(corpus, 20);
    expect(files.length).toBeGreaterThan(130);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(parseMarkdown(text), file).toEqual(withTables.parse(text));
    }
  });
});
