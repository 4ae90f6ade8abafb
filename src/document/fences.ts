import type { Code, Root } from 'mdast';
import type { Span } from '../core/types.js';
import type { SourceText } from './source.js';

/** A fenced code block that is never closed and so runs to the end of the document. */
export interface UnclosedFence {
  /** The opening fence line. */
  span: Span;
  /** The fence as written ("```", "~~~~"). */
  marker: string;
  /** Lines after the fence that a reader would take for headings, but the parser reads as code. */
  hiddenHeadings: { markdown: string; text: string; line: number }[];
  /** How many lines the block swallows after its opening fence. */
  lines: number;
}

const OPENING = /^[ \t]{0,3}(`{3,}|~{3,})/;
/** A container's prefix (blockquote markers, list indentation) before a fence line. */
const CONTAINER_PREFIX = /^[ \t>]*/;
const HEADING_LIKE = /^[ \t>]*(#{1,6}[ \t]+(\S.*?)(?:[ \t]+#+)?)[ \t]*$/;

function codeNodes(node: { type: string; children?: unknown[] }, out: Code[]): Code[] {
  if (node.type === 'code') out.push(node as Code);
  for (const child of (node.children ?? []) as { type: string; children?: unknown[] }[]) codeNodes(child, out);
  return out;
}

function isClosingFence(line: string, marker: string): boolean {
  const fence = line.replace(CONTAINER_PREFIX, '').trimEnd();
  return fence.length >= marker.length && fence === (marker[0] ?? '').repeat(fence.length);
}

/**
 * The fenced code block left open at the end of the document, if any. CommonMark runs an unclosed
 * fence to the end of its container, so every heading after it becomes code: the parser's outline
 * and the one a reader sees part ways, and nothing built on the outline (missing sections, fixes)
 * can be trusted after it.
 */
export function unclosedFence(tree: Root, source: SourceText): UnclosedFence | undefined {
  const { text } = source;
  const contentEnd = text.trimEnd().length;
  for (const node of codeNodes(tree, [])) {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined || end < contentEnd) continue;
    const firstLine = source.pointAt(start).line;
    const lastLine = source.pointAt(Math.min(end, contentEnd)).line;
    const marker = OPENING.exec(source.line(firstLine).slice(source.pointAt(start).column - 1))?.[1];
    if (!marker) continue; // indented code
    if (lastLine > firstLine && isClosingFence(source.line(lastLine), marker)) continue;
    const hiddenHeadings: UnclosedFence['hiddenHeadings'] = [];
    for (let line = firstLine + 1; line <= lastLine; line++) {
      const heading = HEADING_LIKE.exec(source.line(line));
      if (heading?.[1] && heading[2]) hiddenHeadings.push({ markdown: heading[1], text: heading[2], line });
    }
    const opening = source.lineStart(firstLine);
    return {
      span: source.span(opening, opening + source.line(firstLine).length),
      marker,
      hiddenHeadings,
      lines: lastLine - firstLine,
    };
  }
  return undefined;
}
