import type { Section, SpecDocument } from '../document/index.js';
import { shortHash } from '../util/hash.js';
import { cleanHeadingText } from '../util/text.js';
import type { Diagnostic, DiagnosticAnchor, DiagnosticData } from './types.js';

/**
 * Values a text quotes ('Data Model', "TS-0042"). Anchors use them only to read baselines of format 1,
 * whose keys were built from the message's; keys are built from a diagnostic's data now, so rewording a
 * message keeps them.
 */
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

/** The data's values in a fixed order (by name), for hashing: `section=Data Model`. */
export function dataParts(data: DiagnosticData | undefined): string[] {
  if (!data) return [];
  return Object.keys(data)
    .sort()
    .map((key) => {
      const value = data[key];
      return `${key}=${Array.isArray(value) ? value.join('\u0001') : String(value)}`;
    });
}

type Anchored = Pick<Diagnostic, 'line' | 'column' | 'endLine' | 'endColumn' | 'message' | 'data'>;

/**
 * Anchors a problem by its section and its text, so that it is recognised after unrelated lines
 * move. The values of the diagnostic's data tell apart two problems at the same place (two missing
 * columns of one table) without tying the anchor to the message's wording.
 */
export function anchorOf(document: SpecDocument, diagnostic: Anchored): DiagnosticAnchor {
  const { source } = document;
  const start = source.lineStart(diagnostic.line) + diagnostic.column - 1;
  const end = source.lineStart(diagnostic.endLine) + diagnostic.endColumn - 1;
  const text = source.text.slice(start, Math.max(start, end)).replace(/\s+/g, ' ').trim();
  return anchorFor(sectionPath(sectionAt(document, start)), text, diagnostic);
}

/** The anchor of a repository rule's problem: the value it is about (an id, a reference) in its section. */
export function repositoryAnchor(at: { value: string; section: string }, message: string, data: DiagnosticData | undefined): DiagnosticAnchor {
  return anchorFor(at.section, at.value, { message, data });
}

function anchorFor(section: string, text: string, diagnostic: Pick<Diagnostic, 'message' | 'data'>): DiagnosticAnchor {
  return {
    section,
    text: shortHash(text, ...dataParts(diagnostic.data)),
    // Baselines of format 1 keyed problems by the quoted parts of the message: kept only to read them (see baseline.ts).
    legacyText: shortHash(text, ...quotedValues(diagnostic.message)),
  };
}

export function withAnchors(document: SpecDocument, diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.map((d) => ({ ...d, anchor: anchorOf(document, d) }));
}
