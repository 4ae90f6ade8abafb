import type { Nodes, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Span } from '../core/types.js';
import type { Section } from './outline.js';
import { type SourceText, spanOf } from './source.js';

export interface TableCell {
  text: string;
  span: Span;
}

export interface SpecTable {
  node: Table;
  span: Span;
  header: TableCell[];
  rows: TableCell[][];
  /** The section whose own content holds the table. */
  section: Section;
}

function collectTables(node: Nodes, into: Table[]): void {
  if (node.type === 'table') {
    into.push(node);
    return;
  }
  if ('children' in node) for (const child of node.children) collectTables(child as Nodes, into);
}

function toCells(row: Table['children'][number], source: SourceText): TableCell[] {
  return row.children.map((cell) => ({ text: toString(cell).trim(), span: spanOf(cell, source) }));
}

/** Every GFM table in a section's own content (including tables nested in lists or quotes). */
export function tablesOfSection(section: Section, source: SourceText): SpecTable[] {
  const found: Table[] = [];
  for (const node of section.ownNodes) collectTables(node, found);
  return found.map((node) => {
    const [headerRow, ...bodyRows] = node.children;
    return {
      node,
      span: spanOf(node, source),
      header: headerRow ? toCells(headerRow, source) : [],
      rows: bodyRows.map((row) => toCells(row, source)),
      section,
    };
  });
}
