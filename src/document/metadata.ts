import type { List, Paragraph, Root, RootContent, Table, TableCell, TableRow } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { normalizeKey } from '../util/text.js';
import type { Span } from '../core/types.js';
import type { Section } from './outline.js';
import { type SourceText, spanOf } from './source.js';

export type MetadataForm = 'front-matter' | 'line' | 'list' | 'table';

export interface MetadataEntry {
  /** The key as written. */
  key: string;
  /** The key compared across spellings ("last updated" for "Last Updated" and "last_updated"). */
  normalizedKey: string;
  /** The value as plain text (surrounding emphasis removed). */
  value: string;
  /** Where the value is; for an empty value, just after the key. */
  span: Span;
  keySpan: Span;
  form: MetadataForm;
  /** A comment written beside the value (`# optional` in YAML, `<!-- … -->` in Markdown), if any. */
  comment?: string;
}

export type FrontMatterProblemKind = 'not-first' | 'bad-fence' | 'unclosed' | 'yaml' | 'not-mapping' | 'too-large' | 'too-deep';

export interface FrontMatterProblem {
  kind: FrontMatterProblemKind;
  message: string;
  span: Span;
  /** Where the text meant as front matter ends (for blocks read as Markdown instead). */
  end: number;
  /** Whether the block's fields could not be read (as opposed to a block not read as front matter at all). */
  unreadable: boolean;
}

export interface Metadata {
  entries: MetadataEntry[];
  get(key: string): MetadataEntry | undefined;
  /** The form the spec writes its metadata in (the form of its first entry besides `template`), if any. */
  form: MetadataForm | null;
  /** The tables read as metadata (so that they are not taken for content tables). */
  tables: ReadonlySet<Table>;
  /** Front matter that is malformed, not read as front matter, or refused before parsing. */
  frontMatterProblem: FrontMatterProblem | null;
}

/** Front matter larger than this, or nested deeper, is not parsed (YAML parsers blow up on such input). */
export const MAX_FRONT_MATTER_BYTES = 64 * 1024;
export const MAX_FRONT_MATTER_DEPTH = 32;

function yamlDepth(text: string): number {
  let depth = 0;
  let worst = 0;
  for (const c of text) {
    if (c === '[' || c === '{') worst = Math.max(worst, ++depth);
    else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  let indent = 0;
  for (const line of text.split('\n')) indent = Math.max(indent, line.length - line.trimStart().length);
  return Math.max(worst, Math.floor(indent / 2));
}

/** Front matter that the parser did not take as front matter: a blank line before it, a bad fence, no closing fence. */
function fenceProblem(tree: Root, source: SourceText): FrontMatterProblem | null {
  if (tree.children[0]?.type === 'yaml') return null;
  const text = source.text;
  const firstLine = /^[^\r\n]*/.exec(text)?.[0] ?? '';
  const span = source.span(0, firstLine.length);
  // The block meant as front matter: up to the next fence line, or the first blank line.
  const closing = /\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text.slice(firstLine.length));
  const blank = /\n[ \t]*\r?\n/.exec(text.slice(firstLine.length));
  const end = firstLine.length + (closing ? closing.index + closing[0].length : blank ? blank.index : text.length - firstLine.length);
  if (/^---[ \t]*$/.test(firstLine)) {
    return { kind: 'unclosed', unreadable: false, span, end, message: "Front matter is not closed, so it is read as Markdown: add a '---' line after it" };
  }
  if (/^---[ \t]*[A-Za-z]/.test(firstLine)) {
    return { kind: 'bad-fence', unreadable: false, span, end, message: `'${firstLine.trim()}' does not open front matter, so the block is read as Markdown: write '---' alone on the first line` };
  }
  const late = /^(?:[ \t]*\r?\n)+(---)[ \t]*\r?\n[\s\S]*?^(?:---|\.\.\.)[ \t]*$/m.exec(text);
  if (late && late.index === 0) {
    const at = text.indexOf('---');
    const after = /\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text.slice(at + 3));
    return { kind: 'not-first', unreadable: false, span: source.span(at, at + 3), end: after ? at + 3 + after.index + after[0].length : text.length, message: 'Front matter must start on the first line; after a blank line it is read as Markdown (a thematic break and a heading)' };
  }
  return null;
}

/** Sections whose content is document metadata besides the preamble. */
const METADATA_SECTION_KEYS = new Set([
  'document info',
  'document information',
  'document metadata',
  'document control',
  'document details',
  'metadata',
  'meta',
]);

/**
 * A metadata key compared across spellings and number: "Author", "Authors", "Author(s)" and
 * "author_s" are one key, and so are "Sponsor" and "Sponsors".
 */
export function metadataKeyId(key: string): string {
  return normalizeKey(key.replace(/\((?:e?s)\)/gi, ''))
    .split(' ')
    .map((word) => (word.length > 3 && /[^su]s$/.test(word) ? word.slice(0, -1) : word))
    .join(' ');
}

// Bold admonitions that open a line without being a field ("**Note** this is a draft").
const NOT_A_KEY = new Set(['note', 'notes', 'warning', 'important', 'tip', 'caution', 'example', 'todo', 'tl;dr', 'tldr', 'nb']);

/** A short label ("Status", "Begin Design Discussion", "Author(s)"), not a phrase or a sentence. */
function isKeyLike(key: string): boolean {
  const trimmed = key.trim();
  return (
    /^\p{L}(?:[\p{L}\p{N} ()/&'_-]|\.(?=\p{L})){0,40}$/u.test(trimmed) &&
    trimmed.split(/\s+/).length <= 5 &&
    !NOT_A_KEY.has(trimmed.toLowerCase())
  );
}

interface KeyValueLine {
  /** Offset of the key's first character (its emphasis marker included) within the line. */
  keyStart: number;
  keyEnd: number;
  key: string;
  value: string;
  /** Offset of the value within the line, and its length as written. */
  valueStart: number;
  valueLength: number;
}

// `**Key**: value`, `**Key:** value`, `__Key__: value`, `**Key** value`, `**Key: value**`.
const BOLD_LEAD = /^(\*\*|__)(.+?)\1/;
// `Key: value` (plain key), as in Swift Evolution's and Rust's preambles.
// A dot only inside a name ("crates.io issue", "Node.js version"), never ending the key.
const PLAIN_KEY = /^([\p{L}](?:[\p{L}\p{N} ()/_&'-]|\.(?=\p{L})){0,40}?):(?:[ \t]+|$|(?!\/\/)(?=\S))/u;

/** Reads one line (list marker already removed) as `key: value`, or null. */
function keyValueOfLine(line: string, allowPlainKey: boolean, valueBelow = false): KeyValueLine | null {
  const bold = BOLD_LEAD.exec(line);
  if (bold) {
    const [whole, , inner = ''] = bold;
    const afterBold = line.slice(whole.length);
    let key: string;
    const keyEnd = whole.length;
    let value: string;
    let valueStart: number;
    const colonAfter = /^[ \t]*:/.exec(afterBold);
    if (/:\s*$/.test(inner) || colonAfter) {
      // **Key:** value / **Key**: value
      key = inner.replace(/:\s*$/, '');
      valueStart = keyEnd + (colonAfter?.[0].length ?? 0);
      value = line.slice(valueStart);
    } else if (/^[^:]+:\s*\S/.test(inner) && !/^https?:/i.test(inner)) {
      // **Key: value** — the whole field in bold; the value runs to the end of the line.
      const colon = inner.indexOf(':');
      key = inner.slice(0, colon);
      const colonEnd = (bold[1] ?? '').length + colon + 1;
      const rest = line.slice(colonEnd);
      const lead = rest.length - rest.trimStart().length;
      const raw = rest.trim().replace(/[ \t\\]+$/, '');
      return isKeyLike(key)
        ? { keyStart: 0, keyEnd: colonEnd - 1, key: key.trim(), value: raw.replace(/(\*\*|__)/, '').trim(), valueStart: colonEnd + lead, valueLength: raw.length }
        : null;
    } else {
      // **Key** value — a bold label followed by its value on the same line (or, in a list item, below it).
      key = inner;
      value = afterBold;
      valueStart = whole.length;
      if (!/^[ \t]+\S/.test(afterBold) && !(valueBelow && afterBold.trim() === '')) return null;
    }
    if (!isKeyLike(key)) return null;
    const lead = value.length - value.trimStart().length;
    const trimmed = value.trim().replace(/[ \t\\]+$/, '');
    return { keyStart: 0, keyEnd, key: key.trim(), value: trimmed, valueStart: valueStart + lead, valueLength: trimmed.length };
  }
  if (!allowPlainKey) return null;
  const plain = PLAIN_KEY.exec(line);
  if (!plain?.[1] || !isKeyLike(plain[1]) || /^https?$/i.test(plain[1])) return null;
  const value = line.slice(plain[0].length).trim().replace(/[ \t\\]+$/, '');
  return { keyStart: 0, keyEnd: plain[1].length, key: plain[1].trim(), value, valueStart: plain[0].length, valueLength: value.length };
}

/** "Draft <!-- Draft | Review -->" → value "Draft", comment "Draft | Review". */
function splitHtmlComment(text: string): { value: string; comment?: string } {
  const m = /<!--([\s\S]*?)(?:-->|$)/.exec(text);
  if (!m) return { value: text };
  return { value: (text.slice(0, m.index) + text.slice(m.index + m[0].length)).trim(), comment: (m[1] ?? '').trim() };
}

function unwrapEmphasis(value: string): string {
  const m = /^(\*\*|__|\*|_)(.+)\1$/.exec(value.trim());
  return (m?.[2] ?? value).trim();
}

/** The comment ending a YAML line ("status: draft # or accepted" → "or accepted"), outside quotes. */
function yamlLineComment(line: string): string | undefined {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if ((c === '"' || c === "'") && (i === 0 || /[\s:[,]/.test(line[i - 1] ?? ''))) quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1] ?? ''))) return line.slice(i + 1).trim();
  }
  return undefined;
}

/**
 * A `---` block of YAML fields that is not the file's first line but comes before its first heading,
 * after HTML comments or a generated table of contents (doctoc's `<!-- START doctoc … -->` block):
 * front matter put in the wrong place. Its range, fences included, and its YAML text.
 */
function lateFrontMatterBlock(text: string): { start: number; end: number; value: string } | null {
  const firstHeading = /^#{1,6}[ \t]/m.exec(text)?.index ?? text.length;
  const open = /^---[ \t]*\r?\n(?=[A-Za-z_][\w-]*[ \t]*:)/m.exec(text.slice(0, firstHeading));
  if (!open || open.index === 0) return null;
  const contentStart = open.index + open[0].length;
  const close = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m.exec(text.slice(contentStart));
  if (!close) return null;
  const value = text.slice(contentStart, contentStart + close.index).replace(/\r?\n$/, '');
  return { start: open.index, end: contentStart + close.index + close[0].length, value };
}

function frontMatter(tree: Root, source: SourceText): { entries: MetadataEntry[]; error: FrontMatterProblem | null } {
  const first = tree.children[0];
  if (!first || first.type !== 'yaml') {
    const problem = fenceProblem(tree, source);
    const late = problem ? null : lateFrontMatterBlock(source.text);
    if (!late) return { entries: [], error: problem };
    // The fields are there, in the wrong place: read them, and report the place once.
    const read = yamlEntries(late.value, late.start, late.end, source);
    if (read.error || read.entries.length < 2) return { entries: [], error: null };
    const span = source.span(late.start, late.start + 3);
    const message = 'Front matter must start on the first line; after the comments or table of contents above it, it is read as Markdown (its fields are still read)';
    return { entries: read.entries, error: { kind: 'not-first', unreadable: false, span, end: late.end, message } };
  }
  return yamlEntries(first.value, first.position?.start.offset ?? 0, first.position?.end.offset ?? 0, source);
}

/** The fields of a YAML block whose opening fence starts at `nodeStart` and that ends at `nodeEnd`. */
function yamlEntries(value: string, nodeStart: number, nodeEnd: number, source: SourceText): { entries: MetadataEntry[]; error: FrontMatterProblem | null } {
  const node = { value };
  const firstBreak = source.text.indexOf('\n', nodeStart);
  const base = firstBreak < 0 ? nodeStart : firstBreak + 1;
  const whole = source.span(nodeStart, nodeEnd);
  if (node.value.length > MAX_FRONT_MATTER_BYTES) {
    return { entries: [], error: { kind: 'too-large', unreadable: true, span: whole, end: whole.end.offset, message: `Front matter is ${node.value.length} bytes; the limit is ${MAX_FRONT_MATTER_BYTES}, so it was not read` } };
  }
  const depth = yamlDepth(node.value);
  if (depth > MAX_FRONT_MATTER_DEPTH) {
    return { entries: [], error: { kind: 'too-deep', unreadable: true, span: whole, end: whole.end.offset, message: `Front matter is nested ${depth} levels deep; the limit is ${MAX_FRONT_MATTER_DEPTH}, so it was not read` } };
  }
  // Only scalar values are read (aliases are never expanded); uniqueKeys off avoids the quadratic
  // duplicate-key check on huge maps.
  const doc = parseDocument(node.value, { uniqueKeys: false, prettyErrors: false });
  const firstError = doc.errors[0];
  if (firstError) {
    const at = base + (firstError.pos[0] ?? 0);
    const message = `Front matter is not valid YAML, so its fields cannot be read: ${firstError.message.split('\n')[0] ?? 'invalid YAML'}`;
    return { entries: [], error: { kind: 'yaml', unreadable: true, message, span: source.span(at, at + 1), end: whole.end.offset } };
  }
  if (doc.contents !== null && !isMap(doc.contents)) {
    const what = isSeq(doc.contents) ? 'a list' : 'a single value';
    return { entries: [], error: { kind: 'not-mapping', unreadable: true, span: whole, end: whole.end.offset, message: `Front matter must be 'key: value' pairs, not ${what}` } };
  }
  if (!isMap(doc.contents)) return { entries: [], error: null };
  const entries: MetadataEntry[] = [];
  for (const pair of doc.contents.items) {
    if (!isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    const keyRange = pair.key.range ?? [0, 0, 0];
    const keySpan = source.span(base + keyRange[0], base + keyRange[1]);
    let value = '';
    let span = source.span(base + keyRange[1], base + keyRange[1]);
    const v = pair.value;
    if (isScalar(v)) {
      // Plain scalars keep their text as written ("1.0" stays "1.0", not the number 1).
      const written = v.type === 'PLAIN' && v.range ? node.value.slice(v.range[0], v.range[1]) : undefined;
      value = v.value === null || v.value === undefined ? '' : (written ?? String(v.value));
      if (v.range) span = source.span(base + v.range[0], base + v.range[1]);
    } else if (isSeq(v)) {
      value = v.items.map((item) => (isScalar(item) ? String(item.value) : '')).join(', ');
      if (v.range) span = source.span(base + v.range[0], base + v.range[1]);
    } else if (v && 'range' in v && v.range) {
      span = source.span(base + v.range[0], base + v.range[1]);
    }
    const comment = yamlLineComment(source.line(keySpan.start.line));
    entries.push({ key, normalizedKey: normalizeKey(key), value: value.trim(), span, keySpan, form: 'front-matter', ...(comment === undefined ? {} : { comment }) });
  }
  return { entries, error: null };
}

const LIST_MARKER = /^[ \t]*(?:[-*+]|\d+[.)])[ \t]+/;

/** Key/value lines of a paragraph or a list item's first line; plain keys only in list items. */
function entriesFromLines(start: number, end: number, source: SourceText, form: 'line' | 'list', valueBelow = false): MetadataEntry[] {
  const entries: MetadataEntry[] = [];
  const text = source.text.slice(start, end);
  let offset = start;
  for (const rawLine of text.split('\n')) {
    const line = rawLine.replace(/\r$/, '');
    const marker = LIST_MARKER.exec(line)?.[0] ?? '';
    const lead = marker || (/^[ \t]*/.exec(line)?.[0] ?? '');
    const found = keyValueOfLine(line.slice(lead.length), form === 'list' && marker !== '', valueBelow);
    if (found) {
      const at = offset + lead.length;
      const valueAt = at + found.valueStart;
      const { value, comment } = splitHtmlComment(found.value);
      entries.push({
        key: found.key,
        normalizedKey: normalizeKey(found.key),
        value: unwrapEmphasis(value),
        span: source.span(valueAt, valueAt + (comment === undefined ? found.valueLength : value.length)),
        keySpan: source.span(at + found.keyStart, at + found.keyEnd),
        form,
        ...(comment === undefined ? {} : { comment }),
      });
    }
    offset += rawLine.length + 1;
  }
  return entries;
}

function entriesFromParagraph(node: Paragraph, source: SourceText): MetadataEntry[] {
  return entriesFromLines(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0, source, 'line');
}

function entriesFromList(node: List, source: SourceText): MetadataEntry[] {
  const entries: MetadataEntry[] = [];
  const labelled: MetadataEntry[] = [];
  for (const item of node.children) {
    const first = item.children[0];
    if (!first || first.type !== 'paragraph') continue;
    const start = item.position?.start.offset ?? 0;
    const firstLineEnd = source.text.indexOf('\n', start);
    const end = Math.min(first.position?.end.offset ?? start, firstLineEnd < 0 ? source.text.length : firstLineEnd);
    const nested = item.children.slice(1);
    const found = entriesFromLines(start, end, source, 'list', nested.length > 0);
    // `* **Owners:**` with the value as a nested list below it.
    const lastNested = nested[nested.length - 1];
    if (found.length === 1 && found[0] && found[0].value === '' && nested[0] && lastNested) {
      const from = nested[0].position?.start.offset ?? 0;
      const to = lastNested.position?.end.offset ?? from;
      found[0] = { ...found[0], value: nested.map((node) => toString(node)).join(', ').trim(), span: source.span(from, to) };
    }
    entries.push(...found);
    const label = found.length === 0 ? labelOverNestedList(item, start, end, source) : null;
    if (label) labelled.push(label);
  }
  // `* Review threads` over a nested list of links, among `Key: value` items: that field, its colon left out.
  return entries.length > 0 ? [...entries, ...labelled].sort((a, b) => a.keySpan.start.offset - b.keySpan.start.offset) : entries;
}

/** A list item that is only a short label, with its value as a nested list below it, as an entry. */
function labelOverNestedList(item: List['children'][number], start: number, end: number, source: SourceText): MetadataEntry | null {
  const [first, ...nested] = item.children;
  const lastNested = nested[nested.length - 1];
  if (first?.type !== 'paragraph' || !nested.every((node) => node.type === 'list') || !nested[0] || !lastNested) return null;
  const line = source.text.slice(start, end);
  const marker = LIST_MARKER.exec(line)?.[0] ?? '';
  const key = line.slice(marker.length).trim();
  if (!marker || key.includes(':') || !/^\p{L}/u.test(key) || !isKeyLike(key) || (first.position?.end.offset ?? 0) > end) return null;
  const from = nested[0].position?.start.offset ?? 0;
  const to = lastNested.position?.end.offset ?? from;
  const keyAt = start + line.indexOf(key, marker.length);
  return {
    key,
    normalizedKey: normalizeKey(key),
    value: nested.map((node) => toString(node)).join(', ').trim(),
    span: source.span(from, to),
    keySpan: source.span(keyAt, keyAt + key.length),
    form: 'list',
  };
}

// Header cells that name the columns of a key/value table rather than being a field themselves.
const KEY_COLUMN_TITLES = new Set(['', 'field', 'fields', 'key', 'property', 'attribute', 'item', 'parameter', 'metadata', 'info', 'information', 'name']);
const VALUE_COLUMN_TITLES = new Set(['', 'value', 'values', 'detail', 'details', 'description', 'content', 'entry']);

/** The text of a table cell with emphasis and a trailing colon removed: "**Status:**" → "Status". */
function cellKey(cell: TableCell): string {
  return toString(cell).replace(/:\s*$/, '').trim();
}

function isColumnTitles(header: TableRow): boolean {
  const [first, second] = header.children.map((cell) => normalizeKey(toString(cell)));
  return KEY_COLUMN_TITLES.has(first ?? '') || VALUE_COLUMN_TITLES.has(second ?? '');
}

/** Key/value rows of a two-column table (bold keys or plain); a header row that is itself a field counts. */
function entriesFromTable(node: Table, source: SourceText): MetadataEntry[] {
  const entries: MetadataEntry[] = [];
  const [header, ...body] = node.children;
  if (!header || header.children.length !== 2) return entries;
  const rows = isColumnTitles(header) ? body : [header, ...body];
  for (const row of rows) {
    const [keyCell, valueCell] = row.children;
    if (!keyCell || !valueCell || row.children.length !== 2) continue;
    const key = cellKey(keyCell);
    if (!key || !isKeyLike(key)) continue;
    const value = toString(valueCell).trim();
    const valueSpan = spanOf(valueCell, source);
    // Cells' positions include the surrounding pipes' padding; point at the text itself.
    const raw = source.text.slice(valueSpan.start.offset, valueSpan.end.offset);
    const lead = raw.length - raw.replace(/^[|\s]+/, '').length;
    const inner = raw.replace(/^[|\s]+/, '').replace(/[|\s]+$/, '');
    const at = valueSpan.start.offset + lead;
    const keyNode = keyCell.children.length === 1 && keyCell.children[0]?.type === 'strong' ? keyCell.children[0] : keyCell;
    const keySpan = spanOf(keyNode, source);
    const keyRaw = source.text.slice(keySpan.start.offset, keySpan.end.offset);
    const keyLead = keyRaw.length - keyRaw.replace(/^[|\s]+/, '').length;
    const keyInner = keyRaw.replace(/^[|\s]+/, '').replace(/[|\s]+$/, '');
    entries.push({
      key,
      normalizedKey: normalizeKey(key),
      value: unwrapEmphasis(value),
      span: value ? source.span(at, at + inner.length) : source.span(at, at),
      keySpan: source.span(keySpan.start.offset + keyLead, keySpan.start.offset + keyLead + keyInner.length),
      form: 'table',
    });
  }
  return entries;
}

function entriesOfNode(node: RootContent, source: SourceText): MetadataEntry[] {
  if (node.type === 'paragraph') return entriesFromParagraph(node, source);
  if (node.type === 'list') return entriesFromList(node, source);
  if (node.type === 'table') return entriesFromTable(node, source);
  return [];
}

const TITLE_PLACEHOLDER = /\b(?:title|name)\b|[[{<]/i;

/** Does the section's content open with metadata (its first block, comments aside, has fields)? */
function opensWithMetadata(section: Section, source: SourceText): boolean {
  const first = section.ownNodes.find((node) => node.type !== 'html');
  return first !== undefined && entriesOfNode(first, source).length > 0;
}

/**
 * The metadata block besides front matter: the preamble (what comes before the first heading, and
 * under the title H1 before its first subsection) and a "Document Info" section at the top two
 * levels. When the preamble has no fields, a title written as a lower heading counts as the title
 * if its content opens with fields (`## My Proposal` then `* **Owners:** …` with no H1, or
 * `## Your Proposal Title` under a `# Template` banner). Body sections are never read: a bullet "Lower maintenance: …" there is not a field.
 */
function metadataNodes(root: Section, source: SourceText): RootContent[] {
  const nodes: RootContent[] = [...root.ownNodes];
  const hasFields = (): boolean => nodes.some((node) => entriesOfNode(node, source).length > 0);
  const first = root.children[0];
  // An H1 after fields is a body section of a spec that uses H1s for its sections, not its title.
  const title = first?.level === 1 && !hasFields() ? first : undefined;
  if (title) nodes.push(...title.ownNodes);
  if (!hasFields()) {
    // With no H1, the first heading is the title; under an H1 banner ("# Template"), only a heading
    // that reads as the title placeholder ("## Your Proposal Title") is.
    const lowerTitle = title ? title.children.find((child, i) => i === 0 && TITLE_PLACEHOLDER.test(child.text)) : first;
    if (lowerTitle && opensWithMetadata(lowerTitle, source)) nodes.push(...lowerTitle.ownNodes);
  }
  const topLevel = [...root.children, ...(title?.children ?? [])];
  for (const section of topLevel) if (section.level <= 2 && METADATA_SECTION_KEYS.has(section.key)) nodes.push(...section.ownNodes);
  return nodes;
}

/**
 * `**Status:**` alone, then its value as the next paragraph, one short line: that line is the value.
 * Only right below the key (one blank line between), and only a line that is no field itself.
 */
function valueBelowKey(entry: MetadataEntry, node: RootContent, next: RootContent | undefined, source: SourceText): MetadataEntry {
  if (entry.value !== '' || entry.form !== 'line' || node.type !== 'paragraph' || next?.type !== 'paragraph') return entry;
  const keyLine = node.position?.end.line ?? 0;
  const { start, end } = next.position ?? {};
  if (!start || !end || start.line !== keyLine + 2 || end.line !== start.line) return entry;
  if (entriesOfNode(next, source).length > 0) return entry;
  const value = toString(next).trim();
  if (value === '' || value.length > 80) return entry;
  return { ...entry, value: unwrapEmphasis(value), span: source.span(start.offset ?? 0, end.offset ?? 0) };
}

/** Front matter keys that name the spec's template rather than describe the spec. */
const TEMPLATE_KEYS = new Set(['template', 'template id']);

/**
 * Gathers the document's metadata from YAML front matter, and from key/value lines, list items and
 * two-column tables in the metadata block (see metadataNodes). The first occurrence of a key wins;
 * keys match across spellings and number (see metadataKeyId).
 */
export function extractMetadata(tree: Root, root: Section, source: SourceText): Metadata {
  const { entries, error } = frontMatter(tree, source);
  const tables = new Set<Table>();
  const nodes = metadataNodes(root, source);
  nodes.forEach((node, i) => {
    const found = entriesOfNode(node, source);
    if (node.type === 'table' && found.length > 0) tables.add(node);
    entries.push(...found.map((entry, j) => (j === found.length - 1 ? valueBelowKey(entry, node, nodes[i + 1], source) : entry)));
  });
  const byKey = new Map<string, MetadataEntry>();
  for (const entry of entries) {
    const id = metadataKeyId(entry.key);
    if (!byKey.has(id)) byKey.set(id, entry);
  }
  const described = entries.find((e) => !TEMPLATE_KEYS.has(e.normalizedKey));
  return {
    entries,
    get: (key) => byKey.get(metadataKeyId(key)),
    form: described?.form ?? null,
    tables,
    frontMatterProblem: error,
  };
}
