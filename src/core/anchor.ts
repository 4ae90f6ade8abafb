import type { Section, SpecDocument } from '../document/index.js';
import { shortHash } from '../util/hash.js';
import { cleanHeadingText } from '../util/text.js';
import type { Diagnostic, DiagnosticAnchor } from './types.js';

/** Values a message quotes ('Data Model', "TS-0042"): the concrete part of the message, not its wording. */
export function quotedValues(message: string): string[] {
  return [...message.matchAll(/'([^']*)'|"([^"]*)"/g)].map((m) => m[1] ?? m[2] ?? '');
}


/** The innermost section that holds an offset. */
export function sectionAt(document: SpecDocument, offset: number): Section {
  let found: Section = document.root;
  for (const section of document.sections) {
    if (section.start > offset) break;
    if (offset < section.end || (offset === section.end && section.end === document.source.text.length)) found = section;
  }
  return found;
}

/** "Design > Data Model": the headings from the top down, without the title (renaming a spec keeps its anchors). */
export function sectionPath(section: Section): string {
  const names: string[] = [];
  for (let s: Section | null = section; s && s.level > 1; s = s.parent) names.unshift(cleanHeadingText(s.text));
  return names.join(' > ');
}

/**
 * Anchors a problem by its section and its text, so that it is recognised after unrelated lines
 * move. The quoted values of the message tell apart two problems at the same place (two missing
 * columns of one table) without tying the anchor to the message's wording.
 */
export function anchorOf(document: SpecDocument, diagnostic: Pick<Diagnostic, 'line' | 'column' | 'endLine' | 'endColumn' | 'message'>): DiagnosticAnchor {
  const { source } = document;
  const start = source.lineStart(diagnostic.line) + diagnostic.column - 1;
  const end = source.lineStart(diagnostic.endLine) + diagnostic.endColumn - 1;
  const text = source.text.slice(start, Math.max(start, end)).replace(/\s+/g, ' ').trim();
  return { section: sectionPath(sectionAt(document, start)), text: shortHash(text, ...quotedValues(diagnostic.message)) };
}

export function withAnchors(document: SpecDocument, diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.map((d) => ({ ...d, anchor: anchorOf(document, d) }));
}
