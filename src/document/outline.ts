import type { Heading, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { isAngleSlot } from '../content/slots.js';
import { normalizeHeading, unqualifiedKey } from '../util/text.js';
import type { Span } from '../core/types.js';
import { type SourceText, spanOf } from './source.js';

export interface Section {
  /** Heading text as plain text (emphasis, code and links flattened). */
  text: string;
  /** Normalized text used for matching against templates. */
  key: string;
  /** The key without a trailing qualifier ("open questions" for "Open Questions (before GA)"), or null. */
  unqualifiedKey: string | null;
  /** 1–6; 0 for the document root. */
  level: number;
  heading: Heading | null;
  /** Where the heading is; for the root, the start of the document. */
  span: Span;
  /** Offsets: from the heading to the end of the section including its subsections. */
  start: number;
  end: number;
  /** Offsets of the section's own content: after the heading, before its first subsection. */
  contentStart: number;
  contentEnd: number;
  /** Top-level nodes between the heading and the next heading of any level. */
  ownNodes: RootContent[];
  /** Whether the own content holds anything but blank lines, thematic breaks and comments. */
  hasOwnContent: boolean;
  children: Section[];
  parent: Section | null;
  /** Position in document order (root is -1). */
  index: number;
}

function isFiller(node: RootContent): boolean {
  if (node.type === 'thematicBreak' || node.type === 'yaml') return true;
  if (node.type === 'html') return /^\s*<!--[\s\S]*-->\s*$/.test(node.value);
  return false;
}

/** Builds the heading tree of a document from its top-level headings. */
export function buildOutline(tree: Root, source: SourceText): { root: Section; sections: Section[] } {
  const end = source.text.length;
  const root: Section = {
    text: '',
    key: '',
    unqualifiedKey: null,
    level: 0,
    heading: null,
    span: source.span(0, 0),
    start: 0,
    end,
    contentStart: 0,
    contentEnd: end,
    ownNodes: [],
    hasOwnContent: false,
    children: [],
    parent: null,
    index: -1,
  };
  const sections: Section[] = [];
  const stack: Section[] = [root];
  let current: Section = root;

  for (const node of tree.children) {
    if (node.type !== 'heading') {
      current.ownNodes.push(node);
      continue;
    }
    const startOffset = node.position?.start.offset ?? 0;
    const headingEnd = node.position?.end.offset ?? startOffset;
    // The previous section's own content ends here in any case.
    if (current.contentEnd === end) current.contentEnd = startOffset;
    while (stack.length > 1 && (stack[stack.length - 1]?.level ?? 0) >= node.depth) {
      const closed = stack.pop();
      if (closed) closed.end = startOffset;
    }
    const parent = stack[stack.length - 1] ?? root;
    // A setext heading can span lines; messages name it on one.
    // "<Decision title>" parses as HTML but is a template's placeholder: it stays in the text.
    const children = node.children.map((c) => (c.type === 'html' && isAngleSlot(c.value) ? { type: 'text' as const, value: c.value } : c));
    const text = toString({ ...node, children }, { includeHtml: false }).replace(/\s*\n\s*/g, ' ').trim();
    const key = normalizeHeading(text);
    const section: Section = {
      text,
      key,
      unqualifiedKey: unqualifiedKey(key),
      level: node.depth,
      heading: node,
      span: spanOf(node, source),
      start: startOffset,
      end,
      contentStart: headingEnd,
      contentEnd: end,
      ownNodes: [],
      hasOwnContent: false,
      children: [],
      parent,
      index: sections.length,
    };
    parent.children.push(section);
    sections.push(section);
    stack.push(section);
    current = section;
  }
  for (const section of [root, ...sections]) {
    section.hasOwnContent = section.ownNodes.some((n) => !isFiller(n));
  }
  return { root, sections };
}
