import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);

const BOM = '\uFEFF';

/**
 * Removes a leading byte-order mark. micromark drops it silently, which would shift every
 * mdast offset by one against the string we slice, so the model always works on BOM-less text.
 */
export function stripBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}

/** Parses Markdown (GFM tables, task lists, footnotes; YAML front matter) into an mdast tree. */
export function parseMarkdown(source: string): Root {
  return processor.parse(source);
}
