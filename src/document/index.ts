import type { Root } from 'mdast';
import { parseMarkdown, stripBom } from '../input/parse.js';
import { type Metadata, extractMetadata } from './metadata.js';
import { type Section, buildOutline } from './outline.js';
import { type UnclosedFence, unclosedFence } from './fences.js';
import { withLoneCrAsLf } from './line-ends.js';
import { SourceText } from './source.js';
import { type SpecTable, tablesOfSection } from './tables.js';

export type { UnclosedFence } from './fences.js';
export type { FrontMatterProblem, Metadata, MetadataEntry, MetadataForm } from './metadata.js';
export type { Section } from './outline.js';
export type { SpecTable, TableCell } from './tables.js';
export { SourceText } from './source.js';

/** Everything rules read about one file, built once. */
export interface SpecDocument {
  path: string;
  source: SourceText;
  tree: Root;
  /** The document root: level 0, its children are the top-level sections. */
  root: Section;
  /** All sections in document order. */
  sections: Section[];
  /** The H1 headings. */
  titles: Section[];
  tables: SpecTable[];
  tablesBySection: Map<Section, SpecTable[]>;
  metadata: Metadata;
  /** A fenced code block left open at the end: the outline after it is not what a reader sees. */
  unclosedFence: UnclosedFence | undefined;
}

export function buildDocument(text: string, path = '<text>'): SpecDocument {
  const source = new SourceText(withLoneCrAsLf(stripBom(text)));
  const tree = parseMarkdown(source.text);
  const { root, sections } = buildOutline(tree, source);
  const tablesBySection = new Map<Section, SpecTable[]>();
  const tables: SpecTable[] = [];
  for (const section of [root, ...sections]) {
    const found = tablesOfSection(section, source);
    tablesBySection.set(section, found);
    tables.push(...found);
  }
  return {
    path,
    source,
    tree,
    root,
    sections,
    titles: sections.filter((s) => s.level === 1),
    tables,
    tablesBySection,
    metadata: extractMetadata(tree, root, source),
    unclosedFence: unclosedFence(tree, source),
  };
}
