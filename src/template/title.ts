import type { Section, SpecDocument } from '../document/index.js';
import { cleanHeadingText, escapeRegex, normalizeHeading } from '../util/text.js';
import { WILDCARD, linearPattern } from './pattern.js';

/**
 * How a template's title is read. Its fixed id prefix stays ("CFP-003:" → "CFP-<number>:",
 * "KEP-NNNN:"), and the rest is a placeholder when it is bracketed ("[Title]", "{{TITLE: …}}") or
 * made only of words that describe what to write ("Template", "Your Feature", "Feature Name Here").
 */
export interface TitleSlot {
  /** The title as the template writes it. */
  text: string;
  /** Regex (case-insensitive) over the normalized title heading text. */
  pattern: string;
  /** 1, or 2 when the template writes its title as an H2 (no H1, or right under a `# Template` H1). */
  level: 1 | 2;
}

/** Words that say what to write in a title rather than being part of it. */
const GENERIC_TITLE_WORDS = new Set([
  'a', 'an', 'the', 'this', 'your', 'my', 'our', 'for', 'of', 'here', 'new',
  'title', 'name', 'template', 'feature', 'proposal', 'project', 'document', 'doc', 'rfc',
  'short', 'descriptive', 'human-readable', 'human', 'readable', 'representative',
]);
const TITLE_NOUN = /\b(?:name|title)\b/;
// "[Component Name]", "{{TITLE: …}}", "{short title}", "<The EIP title>"
const PLACEHOLDER = /\{\{[^}]*\}\}|\[[^\]]+\]|\{[^}]+\}|<[^>]+>/g;
const ID_PLACEHOLDER = /^(?:x{2,}|n{2,}|#{2,})$/i;

function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[\s,!.;]+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w));
}

/** Only words that say "write the title here": "Template", "Your Feature", "a short, descriptive title". */
function isGenericName(text: string): boolean {
  const found = words(text);
  return found.length > 0 && found.every((w) => GENERIC_TITLE_WORDS.has(w));
}

/** Text that can only be the title slot: a bracketed placeholder or generic words naming a title. */
export function isTitlePlaceholder(text: string): boolean {
  const key = normalizeHeading(text);
  if (key.replace(PLACEHOLDER, '').trim() === '' && key.match(PLACEHOLDER) !== null) return true;
  return isGenericName(key) && TITLE_NOUN.test(key);
}

/** Fixed title text as a regex: numbers stand for any number, `XXXX`/`NNNN` for any id. */
function fixedPart(text: string): string {
  return text
    .split(/(\s+)/)
    .map((token) => {
      if (/^\s+$/.test(token)) return '\\s*';
      // "RFC-0000:", "KEP-NNNN:", "TS-XXXX"
      return token
        .split(/([a-z0-9]+)/i)
        .map((piece) => {
          if (ID_PLACEHOLDER.test(piece)) return '[a-z0-9]+';
          return escapeRegex(piece).replace(/\d+/g, '\\d+');
        })
        .join('');
    })
    .join('');
}

/** The name part of a title as pattern fragments: placeholders become wildcards, generic wording stands for any title. */
function nameFragments(text: string): { fragments: string[]; fixed: boolean } {
  const trimmed = text.trim();
  if (trimmed === '') return { fragments: [], fixed: true };
  const withoutPlaceholders = trimmed.replace(PLACEHOLDER, ' ');
  if (withoutPlaceholders !== trimmed) {
    const pieces = trimmed.split(PLACEHOLDER);
    const slots = trimmed.match(PLACEHOLDER) ?? [];
    const fragments = pieces.flatMap((piece, i) => (i < slots.length ? [fixedPart(piece), WILDCARD] : [fixedPart(piece)]));
    return { fragments, fixed: false };
  }
  if (isGenericName(trimmed) || TITLE_NOUN.test(trimmed)) return { fragments: [WILDCARD], fixed: false };
  return { fragments: [fixedPart(trimmed)], fixed: true };
}

/** The regex a spec's title must match, from the template's title heading text; it matches in linear time. */
export function titlePattern(text: string): string {
  const key = normalizeHeading(text);
  // A title wholly in braces ("{{TITLE: a human-readable title}}") has no prefix, whatever its colons.
  const whole = key.replace(PLACEHOLDER, '').trim() === '' && key.trim() !== '';
  const colon = whole ? -1 : key.search(/:\s*(?=[^:]*$)/);
  const prefix = colon >= 0 ? key.slice(0, colon + 1) : '';
  const name = nameFragments(colon >= 0 ? key.slice(colon + 1) : key);
  const head = prefix ? [`${fixedPart(prefix)}\\s*`] : [];
  return linearPattern([...head, ...name.fragments, ...(name.fixed ? ['\\b.*'] : [])]);
}

/**
 * The title as a reader should write it: "CFP-003: Template" → "CFP-<number>: <title>"; bracketed
 * placeholders and id placeholders stay as the template writes them ("Proposal: [Title]", "KEP-NNNN:").
 */
export function titleForm(text: string): string {
  const clean = cleanHeadingText(text);
  if (clean.replace(PLACEHOLDER, '').trim() === '') return '<title>';
  const colon = clean.search(/:\s*(?=[^:]*$)/);
  const prefix = colon >= 0 ? clean.slice(0, colon + 1) : '';
  const name = colon >= 0 ? clean.slice(colon + 1).trim() : clean;
  // An example number ("CFP-003") reads as a real one; "KEP-NNNN" already says it is a placeholder.
  const idPrefix = prefix.replace(/\b([A-Za-z]+-)\d+\b/g, '$1<number>');
  const generic = name.match(PLACEHOLDER) === null && (isGenericName(normalizeHeading(name)) || TITLE_NOUN.test(name.toLowerCase()));
  const shownName = generic ? '<title>' : name;
  return idPrefix ? `${idPrefix} ${shownName}` : shownName;
}

/**
 * The template's title heading and the sections that follow it: a single leading H1, or an H2 title
 * placeholder right under a H1 that only names the template ("# Template" then "## Your Proposal
 * Title"), or a leading H2 title placeholder in a template with no H1.
 */
export function templateTitle(doc: SpecDocument): { title: TitleSlot | null; heading: Section | null; topSections: Section[] } {
  const first = doc.sections[0];
  const titleOf = (section: Section, level: 1 | 2): TitleSlot => ({
    text: cleanHeadingText(section.text),
    pattern: titlePattern(section.text),
    level,
  });
  if (doc.titles.length === 1 && first?.level === 1) {
    const [child, ...rest] = first.children;
    const others = doc.root.children.slice(1);
    if (child && child.level === 2 && child.children.length === 0 && isGenericName(normalizeHeading(first.text)) && isTitlePlaceholder(child.text)) {
      return { title: titleOf(child, 2), heading: child, topSections: [...rest, ...others] };
    }
    return { title: titleOf(first, 1), heading: first, topSections: [...first.children, ...others] };
  }
  if (doc.titles.length === 0 && first?.level === 2 && first.children.length === 0 && isTitlePlaceholder(first.text)) {
    return { title: titleOf(first, 2), heading: first, topSections: doc.root.children.slice(1) };
  }
  return { title: null, heading: null, topSections: doc.root.children };
}

// "# IMPORTANT! Superseded by …", "# Note: this proposal moved", "# DEPRECATED": a notice above the
// title, not the title.
const BANNER = /^(?:important|note|notice|warning|attention|caution|deprecated|superseded|obsolete|archived|outdated|moved|replaced|withdrawn)\b/i;

/** Is this H1 a notice written above the spec's title ("# IMPORTANT! Superseded by …")? */
export function isBannerHeading(section: Section): boolean {
  return section.level === 1 && BANNER.test(section.text.trim());
}

/**
 * The spec's title among its H1s: the first, unless it is a notice banner; then the first later H1
 * that fits the template's title pattern, or else the first later H1 that is no banner.
 */
function titleAmongH1s(h1s: readonly Section[], pattern: string): Section | undefined {
  const [first] = h1s;
  if (!first || !isBannerHeading(first)) return first;
  const fits = new RegExp(pattern, 'i');
  return h1s.find((h1) => !isBannerHeading(h1) && fits.test(h1.key)) ?? h1s.find((h1) => !isBannerHeading(h1)) ?? first;
}

/**
 * A spec's title heading. With a template that has a title: the spec's first H1 that is no notice
 * banner (see titleAmongH1s), or, when the template writes its title as an H2 and the spec has no
 * H1, a leading H2 that names none of the template's sections. With a template that has none: a single leading H1 that names none of its
 * sections (an H1 that does is a section at the wrong level).
 */
export function documentTitle(doc: SpecDocument, template: { title: TitleSlot | null; sections: readonly { key: string; pattern: string | null }[] }): Section | undefined {
  const namesASection = (section: Section): boolean =>
    template.sections.some((spec) => (spec.pattern ? new RegExp(spec.pattern, 'i').test(section.key) : spec.key === section.key));
  const first = doc.sections[0];
  if (!template.title) {
    return doc.titles.length === 1 && first?.level === 1 && !namesASection(first) ? first : undefined;
  }
  const h1 = titleAmongH1s(doc.titles, template.title.pattern);
  if (h1 || template.title.level !== 2) return h1;
  return first?.level === 2 && !namesASection(first) ? first : undefined;
}
