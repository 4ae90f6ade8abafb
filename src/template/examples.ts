import type { Section } from '../document/index.js';
import { escapeRegex } from '../util/text.js';

/**
 * Headings a template gives as examples of what may be repeated, not as sections every spec must
 * have: several siblings of one shape ("Phase 1: …", "Phase 2: …"; "FR1", "FR2"; "POST /resource",
 * "GET /resources"), or a heading whose text is elided ("Impact: ... 1").
 */
export interface ExampleHeading {
  /** Regex over the normalized heading text that every instance matches. */
  pattern: string;
  /** A request line's own placeholders (`/resource/{id}`) are part of the example, not a slot of their own. */
  shape: 'request' | 'elided' | 'numbered';
}

const HTTP_REQUEST = /^(?:get|post|put|patch|delete|head|options)\s+\/\S*/;
const HTTP_PATTERN = '^(?:get|post|put|patch|delete|head|options)\\s+\\S.*$';
/** An elided name ending the heading, alone or after a label: "Impact: ... 1", "… 2". */
const ELLIPSIS = /(?:^|:\s*)(?:\.{3}|\u2026)(?:\s*\d+)?$/;

/** "Phase 1: Core Functionality" beside "Phase 2: …", "FR1" beside "FR2": numbered examples. */
function numberedSiblings(key: string, siblings: readonly Section[]): string | null {
  const m = /^(.+?)\s*\d+\b/.exec(key);
  const prefix = m?.[1]?.trim();
  if (!prefix || !/[a-z]/.test(prefix)) return null;
  const shape = new RegExp(`^${escapeRegex(prefix)}\\s*\\d+\\b`);
  if (siblings.filter((s) => shape.test(s.key)).length < 2) return null;
  return `^${escapeRegex(prefix).replace(/\s+/g, '\\s*')}\\s*\\d+\\b.*$`;
}

/**
 * "Impact: ... 1": the elided part (and its example number) stands for any text. A spec may number
 * the label instead ("Key Question 1: Scope of …" for "Key Question: ... 2").
 */
function elided(key: string): string | null {
  const m = ELLIPSIS.exec(key);
  if (!m) return null;
  const labelled = m[0].startsWith(':');
  const label = key.slice(0, m.index).trim();
  const source = escapeRegex(label).replace(/\s+/g, '\\s*');
  return labelled ? `^${source}(?:\\s*\\d+)?\\s*:\\s*.+$` : `^${source}\\s*.+$`;
}

export function exampleHeading(key: string, siblings: readonly Section[]): ExampleHeading | null {
  if (HTTP_REQUEST.test(key) && siblings.filter((s) => HTTP_REQUEST.test(s.key)).length >= 2) return { pattern: HTTP_PATTERN, shape: 'request' };
  const elision = elided(key);
  if (elision) return { pattern: elision, shape: 'elided' };
  const numbered = numberedSiblings(key, siblings);
  return numbered ? { pattern: numbered, shape: 'numbered' } : null;
}
