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
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { type Processor, unified } from 'unified';

/**
 * The GFM a spec linter needs: tables, task-list items, footnotes (else `[^1]` reads as a
 * placeholder) and strikethrough (nearly free). Not autolink literals, which cost most of GFM's
 * parse time (their tokenizer plus a find-and-replace pass over every text node) and change no
 * diagnostic: bench/parser-compare.mjs measures both on the whole corpus.
 */
function remarkSpecSyntax(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmTable(), gfmTaskListItem(), gfmFootnote(), gfmStrikethrough());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown(), gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown());
}

export type ParserProfile = 'spec' | 'gfm';

const processors: Record<ParserProfile, () => Processor<Root>> = {
  spec: () => unified().use(remarkParse).use(remarkSpecSyntax).use(remarkFrontmatter, ['yaml']) as unknown as Processor<Root>,
  gfm: () => unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']) as unknown as Processor<Root>,
};

let processor = processors.spec();

/** Switches the parser setup (for the comparison benchmark; speclint itself always uses 'spec'). */
export function useParserProfile(profile: ParserProfile): void {
  processor = processors[profile]();
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
  return processor.parse(source);
}
