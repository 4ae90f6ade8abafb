import { distance } from 'fastest-levenshtein';
import { PairMemo } from './memo.js';

/** Leading section numbers: "1.", "1.2", "11.2.3", "A.", "IV." followed by a space. */
const NUMBERING_PREFIX = /^(?:(?:\d+|[A-Z]|[IVXLC]+)(?:\.\d+)*\.?\)?)\s+/i;
const OPTIONAL_MARKER = /\s*(?:\((?:optional|if applicable)\)|\[(?:optional|if applicable)\])\s*/gi;

/** Is this heading text marked optional in the text itself, e.g. "Story 1 (Optional)"? */
export function hasOptionalMarker(text: string): boolean {
  return new RegExp(OPTIONAL_MARKER.source, 'i').test(text);
}

/** Heading text for display: optional markers removed, whitespace collapsed. */
export function cleanHeadingText(text: string): string {
  return text.replace(OPTIONAL_MARKER, ' ').replace(/\s+/g, ' ').trim();
}

/** One emoji piece: a pictograph, flag letter, skin tone, joiner, variation selector or keycap mark. */
export const EMOJI_PIECE = String.raw`(?:\p{Extended_Pictographic}|\p{Regional_Indicator}|\p{Emoji_Modifier}|\u{FE0E}|\u{FE0F}|\u{200D}|\u{20E3})`;
/** A GitHub ":shortcode:" emoji standing alone. */
export const EMOJI_SHORTCODE = String.raw`(?<=^|\s):[a-z0-9_+-]+:(?=\s|$)`;
const EMOJI = new RegExp(`(?:${EMOJI_PIECE}|${EMOJI_SHORTCODE})+`, 'gu');
/** An explicit heading id at the end of a heading: "Objective {#objective}" (kramdown, Pandoc, mdBook). */
const EXPLICIT_ID = /\s*\{\s*#[^}]*\}\s*$/;

/** Heading text without decoration that does not change what the heading says: emoji and explicit ids. */
export function undecoratedHeading(text: string): string {
  return text.replace(EXPLICIT_ID, '').replace(EMOJI, ' ').replace(/\s+/g, ' ').trim();
}

/** A trailing qualifier in parentheses or brackets: "Open Questions (to be resolved before GA)". */
const TRAILING_QUALIFIER = /\s*(?:\([^()]*\)|\[[^[\]]*\])$/;

/**
 * A normalized heading key without its trailing qualifier, or null when it has none; "open
 * questions" for "open questions (to be resolved before ga)". The qualifier narrows the heading,
 * it does not rename it.
 */
export function unqualifiedKey(key: string): string | null {
  const base = key.replace(TRAILING_QUALIFIER, '').replace(/[\s:.;,!?]+$/u, '').trim();
  return base !== key && base.length > 0 ? base : null;
}

/**
 * The form headings are compared in: case, whitespace, trailing punctuation, numbering prefixes,
 * optional markers, emoji, explicit ids and "&" vs "and" do not matter. Hyphens do ("Non Goals"
 * is a near miss of "Non-Goals", reported by section-name rather than silently accepted).
 */
export function normalizeHeading(text: string): string {
  let t = cleanHeadingText(undecoratedHeading(text));
  if (/^(?:\d+(?:\.\d+)*\.?|[A-Z]\.|[IVXLC]+\.)\s+\S/i.test(t)) t = t.replace(NUMBERING_PREFIX, '');
  return t
    .toLowerCase()
    .replace(/\s*&\s*/g, ' and ')
    // Spaces around a slash between words (not a path: "GET /resources") and the serial comma before "and"/"or" are style, not wording.
    .replace(/\s+\/\s+/g, '/')
    .replace(/\s*,\s*(and|or)\s+/g, ' $1 ')
    .replace(/[\s:.;,!?]+$/u, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A normalized heading key with a plural last word made singular: "non-goals" → "non-goal". */
export function singularKey(key: string): string {
  // The pattern spans at most the last six UTF-16 units (two astral letters, a word character, 's'):
  // testing only that tail gives the same answer without scanning a long key from its start.
  if (key.charCodeAt(key.length - 1) !== 0x73) return key;
  return PLURAL_TAIL.test(key.slice(-6)) ? key.slice(0, -1) : key;
}
const PLURAL_TAIL = /\p{L}{2}[^\Ws]s$/u;

/** Words that join the topics of one heading: "rationale and alternatives", "non-goals/future work". */
const CONJUNCTION = /\s*(?:,|\/)\s*|\s+(?:and|or)\s+/;

/**
 * The topics a normalized heading key joins, singular, or one topic for a heading that joins
 * none: "performance, ergonomics and compatibility" → performance, ergonomic, compatibility.
 */
export function headingParts(key: string): string[] {
  return key
    .split(CONJUNCTION)
    .map((part) => singularKey(part.trim()))
    .filter((part) => part.length > 0);
}

/** Metadata keys match across spellings: "Last Updated", "last_updated", "last-updated". */
export function normalizeKey(key: string): string {
  return key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/[_\-\s]+/g, ' ')
    .replace(/[:.]+$/, '')
    .trim();
}

/** Similarity in [0, 1] by edit distance over the longer length. */
export function editSimilarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return 1;
  return 1 - distance(a, b) / longest;
}

const STOPWORDS = new Set(['and', 'or', 'the', 'a', 'an', 'of', 'for', 'to', 'in', 'on', '&']);

function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0 && !STOPWORDS.has(w));
}

/**
 * How likely heading `a` was meant to be `b`: the better of character similarity and word overlap
 * (so "Security" → "Security Considerations" and "Testing" → "Testing Strategy" count as near misses).
 */
export function headingSimilarity(a: string, b: string): number {
  // The alignment compares the same headings and section names many times over (k8s: 2.5 % of a run).
  return SIMILARITY_OF.get(a, b);
}

function similarityOf(a: string, b: string): number {
  const chars = editSimilarity(a.replace(/[^\p{L}\p{N}]/gu, ''), b.replace(/[^\p{L}\p{N}]/gu, ''));
  const wa = new Set(words(a));
  const wb = new Set(words(b));
  if (wa.size === 0 || wb.size === 0) return chars;
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  const overlap = (shared / Math.min(wa.size, wb.size)) * 0.85 * (shared / Math.max(wa.size, wb.size)) ** 0.25;
  return Math.max(chars, overlap);
}
const SIMILARITY_OF = new PairMemo(similarityOf);

/** The closest candidate to `input` whose similarity reaches `threshold`, if any. */
export function closest<T>(
  input: string,
  candidates: readonly T[],
  text: (candidate: T) => string,
  threshold: number,
  similarity: (a: string, b: string) => number = editSimilarity,
): T | undefined {
  let best: T | undefined;
  let bestScore = threshold;
  for (const candidate of candidates) {
    const score = similarity(input, text(candidate));
    if (score >= bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/** "a", "a and b", "a, b and c" */
export function listWords(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
