import type { Root } from 'mdast';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { type Processor, unified } from 'unified';

/**
 * The GFM a spec linter needs: tables, task-list items, footnotes (else `[^1]` reads as a
 * placeholder) and strikethrough (nearly free). Not autolink literals, which cost most of GFM's
 * parse time (their tokenizer plus a find-and-replace pass over every text node) and change no
 * diagnostic: bench/parser-compare.mjs measures both on the whole corpus.
 */
export function remarkSpecSyntax(this: Processor, options: { tables?: boolean } = {}): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(...(options.tables === false ? [] : [gfmTable()]), gfmTaskListItem(), gfmFootnote(), gfmStrikethrough());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown(), gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown());
}

const processor = unified().use(remarkParse).use(remarkSpecSyntax).use(remarkFrontmatter, ['yaml']);
const withoutTables = unified().use(remarkParse).use(remarkSpecSyntax, { tables: false }).use(remarkFrontmatter, ['yaml']);

/**
 * A line that could be a GFM table's delimiter row: after any blanks and block-quote markers, only
 * dashes, colons, pipes and blanks, with a dash and a pipe or colon (micromark's table tokenizer
 * needs both). A document with no such line has no table, so it is parsed without trying one at the
 * start of every paragraph: the same tree, without tokenizing each paragraph's first line as a
 * table's head row only to throw it away (on rust-rfcs a tenth of all the parser allocated was that
 * head-row state). A failed attempt leaves no token and registers no resolver; the one state it
 * touches, the flow tokenizer's `interrupt`, it sets back before the next line is read. The
 * mdast side of tables stays in both setups: without table tokens it does nothing.
 * The pattern fails at the first other character of a line; the dash and the pipe or colon are looked
 * for in the few lines it lets through (lookaheads scanning every line made it three times slower).
 */
const DELIMITER_CHARACTERS_ONLY = /^[ \t>]*[-:|][-:| \t]*$/gm;

/** Whether the text has a line that could be a table's delimiter row (false: it has no table). */
export function mayHaveTable(source: string): boolean {
  for (const [line] of source.matchAll(DELIMITER_CHARACTERS_ONLY)) {
    if (line.includes('-') && (line.includes('|') || line.includes(':'))) return true;
  }
  return false;
}

/** speclint's parser setup, as parseMarkdown uses it unless useParser replaced it. */
export function parseWithSpecSyntax(source: string): Root {
  return (mayHaveTable(source) ? processor : withoutTables).parse(source);
}

let parse: (source: string) => Root = parseWithSpecSyntax;

/**
 * Replaces the parser for the rest of the process: only for bench/parser-compare.mjs, which lints the
 * corpus with remark-gfm too (kept out of speclint itself so that it is not in the bundle).
 */
export function useParser(parser: (source: string) => Root): void {
  parse = parser;
}

const BOM = '\uFEFF';

/**
 * Removes a leading byte-order mark. micromark drops it silently, which would shift every
 * mdast offset by one against the string we slice, so the model always works on BOM-less text.
 */
export function stripBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}

/** Parses Markdown (GFM tables, task lists, footnotes, strikethrough; YAML front matter) into an mdast tree. */
export function parseMarkdown(source: string): Root {
  return parse(source);
}
