import type { Nodes, Parents, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { SpecDocument } from '../document/index.js';
import type { SourceText } from '../document/source.js';
import type { SectionSpec, Template } from '../template/schema.js';
import type { Span } from '../core/types.js';
import { htmlTagNames } from 'html-tag-names';
import { isExampleLine, isSlotText } from './slots.js';
import { listItemLines, mayBeAmong, proseSentences } from './sentences.js';
import { escapeRegex } from '../util/text.js';
import { allMatches } from '../util/regex.js';
import { weakMemo } from '../util/memo.js';
import { statusValues } from '../template/metadata-fields.js';
import { statusName } from './status.js';
import { fieldEntry } from '../template/field-variants.js';

export type PlaceholderKind =
  | 'bracket'
  | 'marker'
  | 'date'
  | 'id'
  | 'version'
  | 'filler'
  | 'literal'
  | 'ellipsis'
  | 'link'
  | 'guidance'
  | 'choices'
  | 'example';

export interface Placeholder {
  kind: PlaceholderKind;
  /** The placeholder as written. */
  text: string;
  span: Span;
}

// "[Component Name]": brackets around text with a letter; not "[ ]", "[x]", "[!NOTE]", "[^1]", "\[…]".
const BRACKET = /(?<!\\)\[(?![!^])([^[\]\n]*\p{L}[^[\]\n]*)\]/gu;
// "{short title}", "{{TITLE: a human-readable title}}": brace placeholders, counted when the template has them.
// A brace right after "/" is a path parameter ("GET /resource/{id}"), notation in template and spec alike.
const BRACE = /(?<![\\{/])\{\{?([^{}\n]*\p{L}[^{}\n]*)\}?\}(?!\})/gu;
// "<Decision title>": angle-bracket text that is not an HTML tag.
const ANGLE = /^<([^<>!?/\n][^<>\n]*)>$/;
const HTML_TAGS = new Set(htmlTagNames);
export interface PlaceholderOptions {
  /** Upper-case markers that flag unfinished text. */
  markers: readonly string[];
  /** Extra literal strings that are placeholders (from configuration). */
  literals: readonly string[];
  /** Whether the template's guidance sentences count. */
  guidance: boolean;
}

export const DEFAULT_MARKERS: readonly string[] = ['TBD', 'TODO', 'FIXME'];
const DEFAULT_OPTIONS: PlaceholderOptions = { markers: DEFAULT_MARKERS, literals: [], guidance: true };

function wordPatterns(options: PlaceholderOptions): [PlaceholderKind, RegExp][] {
  const patterns: [PlaceholderKind, RegExp][] = [
    ['date', /\bYYYY-MM-DD\b/gi],
    ['id', /\b[A-Z][A-Z0-9]*-(?:X{3,}|N{3,})\b|\bX{4,}\b/g],
    ['version', /\bX\.Y\.Z\b/g],
    ['filler', /\blorem ipsum\b/gi],
  ];
  if (options.markers.length > 0) patterns.push(['marker', new RegExp(`\\b(?:${options.markers.map(escapeRegex).join('|')})\\b`, 'g')]);
  if (options.literals.length > 0) patterns.push(['literal', new RegExp(options.literals.map(escapeRegex).join('|'), 'g')]);
  return patterns;
}

/** Options are parsed once per configuration, so their patterns are built once per options object. */
const wordPatternsFor = weakMemo(wordPatterns);
const DEFAULT_WORDS = wordPatternsFor(DEFAULT_OPTIONS);

const NONE: ReadonlySet<string> = new Set();
/** The template's bracket placeholders, guidance sentences and example list items as sets, made once per template. */
const knownOf = weakMemo((template: Template): ReadonlySet<string> => new Set(template.placeholders));
const guidanceOf = weakMemo((template: Template): ReadonlySet<string> => new Set(template.guidanceSentences));
const exampleItemsOf = weakMemo((template: Template): ReadonlySet<string> => new Set(template.exampleItems));

interface Hit {
  kind: PlaceholderKind;
  start: number;
  end: number;
}

const REQUIREMENT_LABEL = /^\s*(?:optional|required|recommended|if applicable)\s*$/i;

export function normalizePlaceholder(content: string): string {
  return content.toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * Brackets are a placeholder when the template has the same one ("[Name]", "[Draft, Review]"), or
 * when they hold a slot: an instruction ("[Describe the problem]"), a prompt ("[What does it do?]"),
 * a named slot ("[Component Name]", "[YYYY-MM-DD]") or a numbered example ("[Component 1]").
 * Other bracketed text is the author's: role labels ("[Tekton Developer]"), insertions in a
 * quotation ("[the service]"), citations ("[R1]"), ranges and lists.
 */
function isBracketPlaceholder(content: string, known: ReadonlySet<string>): boolean {
  if (/^\s*[xX]?\s*$/.test(content)) return false;
  if (known.has(normalizePlaceholder(content))) return true;
  return isSlotText(content);
}

/** "<Decision title>" is a placeholder when the template has it; "<details>" and "<br/>" are HTML. */
function isAnglePlaceholder(value: string, known: ReadonlySet<string>): boolean {
  const content = ANGLE.exec(value.trim())?.[1];
  if (!content) return false;
  // Unknown ones are the author's: "kubectl drain <node name>" in prose is a real command.
  return known.has(normalizePlaceholder(content));
}

/** Finds bracket and word placeholders in text; `offset` is where the text starts in the source. */
function scanText(text: string, offset: number, known: ReadonlySet<string> = new Set(), words = DEFAULT_WORDS, raw?: string): Hit[] {
  const hits: Hit[] = [];
  for (const m of text.includes('[') ? allMatches(BRACKET, text) : []) {
    // Brackets around a link ("[[RFC](url)]") hold real text.
    if (/\]\(|\]\[/.test(m[0].slice(1)) || /\]\(|\]\[/.test((raw ?? '').slice(m.index + 1, m.index + m[0].length))) continue;
    if (!isBracketPlaceholder(m[1] ?? '', known)) continue;
    hits.push({ kind: 'bracket', start: offset + m.index, end: offset + m.index + m[0].length });
  }
  for (const m of text.includes('{') ? allMatches(BRACE, text) : []) {
    const content = m[1] ?? '';
    // Only the template's own: "{service name}" or "{list, watch}" in prose are the author's notation.
    if (!known.has(normalizePlaceholder(content))) continue;
    hits.push({ kind: 'bracket', start: offset + m.index, end: offset + m.index + m[0].length });
  }
  for (const [kind, pattern] of words) {
    for (const m of allMatches(pattern, text)) {
      const start = offset + m.index;
      const end = start + m[0].length;
      if (hits.some((h) => h.start <= start && end <= h.end)) continue; // inside a bracket placeholder
      hits.push({ kind, start, end });
    }
  }
  return hits;
}

/** Is this metadata value a placeholder rather than a value ("[Name]", "YYYY-MM-DD", "TBD")? */
export function isPlaceholderValue(value: string): boolean {
  const trimmed = value.trim();
  if (/^(?:\[[^\]]*\]|\{[^}]*\}|<[^>]*>)$/.test(trimmed)) return true;
  return scanText(trimmed, 0).length > 0;
}

/**
 * Is this status value the template's list of choices ("Draft | Review | Approved", "Implementable, Released")
 * rather than one of them? Read as the template's own status sets are read, each choice one of the allowed statuses.
 */
export function isChoiceList(value: string, allowed: readonly string[] | null): boolean {
  if (!allowed) return false;
  const choices = statusValues(value);
  if (!choices) return false;
  const known = new Set(allowed.map(statusName));
  return choices.every((c) => known.has(statusName(c)));
}

const PHRASING_BLOCKS = new Set(['paragraph', 'heading', 'tableCell']);
const OPAQUE_INLINE = new Set(['inlineCode', 'html', 'image', 'imageReference', 'footnoteReference', 'inlineMath']);
const SKIPPED_BLOCKS = new Set(['code', 'html', 'yaml', 'definition', 'math']);

/**
 * "- [Alert]: [Condition]" parses as a link definition. One whose "URL" is no URL is template text.
 */
function isPlaceholderDefinition(node: Nodes): boolean {
  if (node.type !== 'definition') return false;
  return /^[[{<]/.test(node.url) || !/[/#.:@]/.test(node.url);
}

/**
 * A link to a real address ("[SE-NNNN: Closure isolation](https://github.com/…/pull/2174)"): an id
 * placeholder in its text cites a proposal that has no number yet, it is no unfilled slot. A link
 * whose target is itself a placeholder ("[SE-NNNN](NNNN-filename.md)", "(link)", "#") is the slot.
 */
function isCitation(node: Nodes): boolean {
  if (node.type !== 'link') return false;
  const url = node.url.trim();
  return /^(?:https?:\/\/|\.{0,2}\/|[\w.-]+\.md\b)/i.test(url) && !/N{3,}|X{3,}/.test(url) && !/\/\(?link\)?$/i.test(url);
}

function offsets(node: Nodes): [number, number] {
  return [node.position?.start.offset ?? 0, node.position?.end.offset ?? 0];
}

/**
 * A bare URL, which GitHub renders as a link (GFM autolink literals): its text is an address, not
 * prose, so "pull/XXXX" in it is no placeholder. speclint's parser does not tokenize these (they are
 * the costliest part of GFM), so they are found here, the only place that needs them.
 */
const BARE_URL = /\b(?:https?:\/\/|www\.)[^\s<]+/gi;

/** `text` with every character but line ends replaced by `fill`, so that offsets and lines are kept. */
function blanked(text: string, fill: string): string {
  return text.replace(/[^\n]/g, fill);
}

/**
 * The block's source with code spans, HTML, images and link syntax blanked out (positions kept):
 * built from slices of the source, child by child, rather than character by character.
 */
function maskedSource(block: Parents, source: SourceText): { text: string; start: number } {
  const [start, end] = offsets(block);
  const clamp = (offset: number): number => Math.min(Math.max(offset, start), end);
  const original = (from: number, to: number): string => source.text.slice(clamp(from), clamp(to));
  /** The children's masked text over `from`–`to`: each child as `child`, the gaps between them as `gap`. */
  const withChildren = (children: readonly Nodes[], from: number, to: number, gap: (from: number, to: number) => string, child: (node: Nodes) => string): string => {
    let text = '';
    let at = from;
    for (const node of children) {
      if (!node.position) continue;
      const [cFrom, cTo] = offsets(node);
      text += gap(at, cFrom) + child(node);
      at = cTo;
    }
    return text + gap(at, to);
  };
  const masked = (node: Nodes): string => {
    const [from, to] = offsets(node);
    if (OPAQUE_INLINE.has(node.type)) return blanked(original(from, to), ' ');
    if (node.type === 'link' || node.type === 'linkReference') {
      const autolink = node.type === 'link' && toString(node) === node.url.replace(/^mailto:/, '');
      if (autolink) return blanked(original(from, to), ' ');
      // The link's syntax is blanked, its text kept (and masked in turn).
      return withChildren(node.children, from, to, (a, b) => blanked(original(a, b), ' '), masked);
    }
    if (node.type === 'text') {
      // Blanked with "/" rather than spaces, so that brackets around a URL still read as holding one.
      const text = original(from, to);
      let out = '';
      let at = 0;
      for (const url of allMatches(BARE_URL, text)) {
        out += text.slice(at, url.index) + blanked(url[0], '/');
        at = url.index + url[0].length;
      }
      return at === 0 ? text : out + text.slice(at);
    }
    if ('children' in node) return withChildren(node.children as Nodes[], from, to, original, masked);
    return original(from, to);
  };
  return { text: withChildren(block.children as Nodes[], start, end, original, masked), start };
}

function sectionKeys(sections: readonly SectionSpec[], into = new Set<string>()): Set<string> {
  for (const section of sections) {
    into.add(section.key);
    sectionKeys(section.children, into);
  }
  return into;
}

/**
 * Trailing bracket qualifiers on headings that are the template's sections ("## Open Questions [to be
 * resolved]"): the author narrowing a section, not a slot, unless the template itself has that bracket
 * text. Keyed by heading node, with the qualifier's source range.
 */
function headingQualifiers(doc: SpecDocument, template: Template | null, known: ReadonlySet<string>): Map<Nodes, { start: number; end: number }> {
  const qualifiers = new Map<Nodes, { start: number; end: number }>();
  if (!template) return qualifiers;
  const keys = sectionKeys(template.sections);
  for (const section of doc.sections) {
    if (!section.heading || section.unqualifiedKey === null || !keys.has(section.unqualifiedKey)) continue;
    const [from, to] = offsets(section.heading);
    const line = doc.source.text.slice(from, to);
    const m = /\[([^[\]\n]*)\][\s#]*$/.exec(line);
    if (!m || known.has(normalizePlaceholder(m[1] ?? ''))) continue;
    qualifiers.set(section.heading, { start: from + m.index, end: from + m.index + m[0].trimEnd().length });
  }
  return qualifiers;
}

/**
 * The inline code of a paragraph that explains a naming scheme: "named `ERC###XXXXX` where XXXXX
 * is the interface's name". An id placeholder in the prose that the code also holds is the
 * scheme's metavariable, not a slot left unfilled.
 */
function metavariablesIn(node: Nodes): string[] {
  const codes: string[] = [];
  const collect = (n: Nodes): void => {
    if (n.type === 'inlineCode') codes.push(n.value);
    else if ('children' in n) for (const child of n.children) collect(child as Nodes);
  };
  collect(node);
  return codes;
}

/**
 * Every placeholder left in a document: bracket placeholders, YYYY-MM-DD, TS-XXXX, X.Y.Z, TBD/TODO/FIXME,
 * Lorem ipsum, "..." table cells, "(link)" targets, the status written as the template's list of choices,
 * and the template's own guidance sentences. Code, HTML comments, real links and checkboxes are never flagged.
 */
export function findPlaceholders(doc: SpecDocument, template: Template | null, options: PlaceholderOptions = DEFAULT_OPTIONS): Placeholder[] {
  const { source } = doc;
  const hits: Hit[] = [];
  const known = template ? knownOf(template) : NONE;
  const words = wordPatternsFor(options);
  const qualifiers = headingQualifiers(doc, template, known);
  const citations: [number, number][] = [];
  const visit = (node: Nodes): void => {
    if (isPlaceholderDefinition(node)) {
      const [from, to] = offsets(node);
      hits.push(...scanText(source.text.slice(from, to), from, known, words));
      return;
    }
    if (node.type === 'html' && isAnglePlaceholder(node.value, known)) {
      const [from, to] = offsets(node);
      const raw = source.text.slice(from, to);
      const at = from + raw.indexOf('<');
      hits.push({ kind: 'bracket', start: at, end: at + raw.trim().length });
      return;
    }
    if (SKIPPED_BLOCKS.has(node.type)) return;
    if (PHRASING_BLOCKS.has(node.type) && 'children' in node) {
      // A cell that is only "..." stands for a value left out; `...` as code is the value (regex notation).
      if (node.type === 'tableCell' && /^(?:\.\.\.|\u2026)$/.test(toString(node).trim()) && !node.children.some((child) => child.type === 'inlineCode')) {
        const [from, to] = offsets(node);
        const raw = source.text.slice(from, to);
        const at = from + raw.search(/\.\.\.|\u2026/);
        hits.push({ kind: 'ellipsis', start: at, end: at + (raw.includes('...') ? 3 : 1) });
        return;
      }
      const masked = maskedSource(node, source);
      const found = scanText(masked.text, masked.start, known, words, source.text.slice(masked.start, masked.start + masked.text.length));
      const qualifier = node.type === 'heading' ? qualifiers.get(node) : undefined;
      // Only an id placeholder needs the block's inline code (most blocks have none).
      const explained = found.some((h) => h.kind === 'id') ? metavariablesIn(node) : [];
      hits.push(
        ...found.filter(
          (h) =>
            !(qualifier && h.start < qualifier.end && h.end > qualifier.start) &&
            !(h.kind === 'id' && explained.some((code) => code.includes(source.text.slice(h.start, h.end)))),
        ),
      );
      // Inline HTML is masked above; "<Decision title>" is no HTML.
      for (const child of node.children) {
        if (child.type !== 'html' || !isAnglePlaceholder(child.value, known)) continue;
        const [from, to] = offsets(child);
        hits.push({ kind: 'bracket', start: from, end: to });
      }
    }
    if (node.type === 'link' && /^\(?link\)?$/i.test(node.url)) {
      const [from, to] = offsets(node);
      const at = source.text.lastIndexOf('(link)', to);
      if (at >= from) hits.push({ kind: 'link', start: at, end: at + '(link)'.length });
    }
    if (isCitation(node)) citations.push(offsets(node));
    if ('children' in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(doc.tree as Root);

  for (const entry of doc.metadata.entries) {
    if (entry.form !== 'front-matter' || !entry.value) continue;
    const from = entry.span.start.offset;
    hits.push(...scanText(source.text.slice(from, entry.span.end.offset), from, known, words));
  }
  const statusField = template?.metadata.fields.find((f) => f.kind === 'status');
  const status = statusField && template ? fieldEntry(doc, template, statusField) : undefined;
  if (status && isChoiceList(status.value, statusField?.values ?? null)) {
    const { start, end } = status.span;
    if (!hits.some((h) => h.start <= start.offset && end.offset <= h.end)) hits.push({ kind: 'choices', start: start.offset, end: end.offset });
  }

  // Before guidance: a copied example item is reported as example text, not as guidance.
  hits.push(...exampleLines(doc, template));

  if (options.guidance && template && template.guidanceSentences.length > 0) {
    const guidance = guidanceOf(template);
    for (const sentence of proseSentences(doc.tree, guidance)) {
      const [from, to] = offsets(sentence.node);
      const at = source.text.slice(from, to).indexOf(sentence.text);
      hits.push(at >= 0 ? { kind: 'guidance', start: from + at, end: from + at + sentence.text.length } : { kind: 'guidance', start: from, end: to });
    }
  }

  // One diagnostic per leftover: a placeholder inside a wider one (a guidance sentence, an example
  // line) is part of it.
  const kept: Hit[] = [];
  const cited = (hit: Hit): boolean => hit.kind === 'id' && citations.some(([from, to]) => from <= hit.start && hit.end <= to);
  for (const hit of hits.sort((a, b) => a.start - b.start || b.end - a.end)) {
    if (cited(hit)) continue;
    if (kept.some((k) => k.start <= hit.start && hit.end <= k.end)) continue;
    kept.push(hit);
  }
  return kept
    .map((h) => ({ kind: h.kind, text: source.text.slice(h.start, h.end), span: source.span(h.start, h.end) }));
}

/**
 * List items that are template example text: copied unchanged from the template's list items
 * ("What this component will NOT do"), or example-shaped whatever the template ("Primary objective
 * 1", "Performance: X requests/second, Y ms latency").
 */
function exampleLines(doc: SpecDocument, template: Template | null): Hit[] {
  const verbatim = template ? exampleItemsOf(template) : NONE;
  const hits: Hit[] = [];
  for (const line of listItemLines(doc.tree, doc.source.text)) {
    const [from, to] = offsets(line.node);
    const raw = doc.source.text.slice(from, to).trimEnd();
    // "- [...]": the template's "and so on" item (in a quotation, "[...]" marks an omission instead).
    if (/^\[(?:\.\.\.|\u2026)\]$/.test(raw)) {
      hits.push({ kind: 'bracket', start: from, end: from + raw.length });
      continue;
    }
    // Compared as written, links included: "Review: ([pitch](https://…/real-thread))" is filled in
    // (line.source is the written line normalized, as normalizeSentence(raw) would give it).
    const copied = mayBeAmong(verbatim, raw) && verbatim.has(line.source);
    if (!copied && !isExampleLine(line.text)) continue;
    hits.push({ kind: 'example', start: from, end: from + raw.length });
  }
  return hits;
}

/** The contents of a template's own bracket placeholders, so that single-word ones ("[Name]") are known. */
export function bracketPlaceholders(template: SpecDocument): string[] {
  const found = new Set<string>();
  const visit = (node: Nodes): void => {
    if (isPlaceholderDefinition(node)) {
      const [from, to] = offsets(node);
      for (const m of template.source.text.slice(from, to).matchAll(BRACKET)) found.add(normalizePlaceholder(m[1] ?? ''));
      return;
    }
    if (node.type === 'html') {
      const angle = templateAngle(node.value);
      if (angle) found.add(angle);
      for (const slot of commentSlots(node.value)) found.add(normalizePlaceholder(slot));
      return;
    }
    if (SKIPPED_BLOCKS.has(node.type)) return;
    if (PHRASING_BLOCKS.has(node.type) && 'children' in node) {
      const masked = maskedSource(node, template.source);
      for (const m of masked.text.matchAll(BRACKET)) {
        const content = m[1] ?? '';
        // "[Optional] Aggregation method:" labels a form item, like "(Optional)" in a heading.
        if (/^\s*[xX]?\s*$/.test(content) || REQUIREMENT_LABEL.test(content)) continue;
        found.add(normalizePlaceholder(content));
      }
      for (const m of masked.text.matchAll(BRACE)) found.add(normalizePlaceholder(m[1] ?? ''));
    }
    if ('children' in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(template.tree);
  for (const entry of template.metadata.entries) {
    const value = entry.value.trim();
    const m = /^\[([^\]]+)\]$|^\{\{?([^{}]+)\}?\}$/.exec(value);
    const content = m?.[1] ?? m?.[2] ?? templateAngle(value);
    if (content) found.add(normalizePlaceholder(content));
  }
  return [...found].sort();
}

/**
 * Bracket slots a template writes inside an HTML comment, for authors to copy ("fill in the following by
 * copying the below template: - [Failure mode brief description]"): a bracket that is a whole line or list
 * item, or bracket text that reads as a slot. Other bracket text in a comment (reference links, prose) is
 * not the template's placeholder.
 */
function commentSlots(html: string): string[] {
  if (!html.trimStart().startsWith('<!--')) return [];
  const references = new Set([...html.matchAll(/^\s*\[([^\]\n]+)\]:/gm)].map((m) => (m[1] ?? '').toLowerCase()));
  const slots: string[] = [];
  for (const line of html.split('\n')) {
    const whole = /^\s*(?:<!--\s*)?(?:[-*+]\s+)?\[([^[\]\n]*\p{L}[^[\]\n]*)\]\s*(?:-->)?\s*$/u.exec(line)?.[1];
    if (whole !== undefined) {
      if (!references.has(whole.toLowerCase())) slots.push(whole);
      continue;
    }
    for (const m of line.matchAll(BRACKET)) {
      const content = m[1] ?? '';
      const after = line.slice((m.index ?? 0) + m[0].length);
      if (/^[([:]/.test(after)) continue;
      if (isSlotText(content)) slots.push(content);
    }
  }
  return slots;
}

/** The content of a template's "<Decision title>" (not of HTML such as "<details>"), normalized. */
function templateAngle(value: string): string | null {
  const content = ANGLE.exec(value.trim())?.[1];
  const tag = content ? /^[A-Za-z][\w-]*/.exec(content)?.[0]?.toLowerCase() : undefined;
  if (!content || tag === undefined || HTML_TAGS.has(tag)) return null;
  return normalizePlaceholder(content);
}
