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
export function remarkSpecSyntax(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmTable(), gfmTaskListItem(), gfmFootnote(), gfmStrikethrough());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown(), gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown());
}

const processor = unified().use(remarkParse).use(remarkSpecSyntax).use(remarkFrontmatter, ['yaml']);
let parse: (source: string) => Root = (source) => processor.parse(source);

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
