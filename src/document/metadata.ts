import type { List, Paragraph, Root, RootContent, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { normalizeKey } from '../text.js';
import type { Span } from '../types.js';
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
  /** The form the spec writes its metadata in (the form of its first entry), if any. */
  form: MetadataForm | null;
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
]);

// `**Key**: value`, `**Key:** value`, `__Key__: value`, optionally as a list item.
const BOLD_KEY_LINE = /^([ \t]*(?:[-*+][ \t]+|\d+[.)][ \t]+)?)(\*\*|__)([^*_\n]+?)(:?)\2([ \t]*:?)[ \t]*(.*?)[ \t\\]*$/;
// `- Key: value` (plain key, list items only), as in Swift Evolution's preamble.
const PLAIN_KEY_ITEM = /^([ \t]*[-*+][ \t]+)([A-Za-z][A-Za-z0-9 /_-]{0,40}?):[ \t]+(.*?)[ \t\\]*$/;

function unwrapEmphasis(value: string): string {
  const m = /^(\*\*|__|\*|_)(.+)\1$/.exec(value.trim());
  return (m?.[2] ?? value).trim();
}

function frontMatter(tree: Root, source: SourceText): { entries: MetadataEntry[]; error: FrontMatterProblem | null } {
  const node = tree.children[0];
  if (!node || node.type !== 'yaml') return { entries: [], error: fenceProblem(tree, source) };
  const nodeStart = node.position?.start.offset ?? 0;
  const firstBreak = source.text.indexOf('\n', nodeStart);
  const base = firstBreak < 0 ? nodeStart : firstBreak + 1;
  const whole = source.span(nodeStart, node.position?.end.offset ?? nodeStart);
  if (node.value.length > MAX_FRONT_MATTER_BYTES) {
    return { entries: [], error: { kind: 'too-large', unreadable: true, span: whole, end: whole.end.offset, message: `Front matter is ${node.value.length} bytes; the limit is ${MAX_FRONT_MATTER_BYTES}, so it was not read` } };
  }
  const depth = yamlDepth(node.value);
  if (depth > MAX_FRONT_MATTER_DEPTH) {
    return { entries: [], error: { kind: 'too-deep', unreadable: true, span: whole, end: whole.end.offset, message: `Front matter is nested ${depth} levels deep; the limit is ${MAX_FRONT_MATTER_DEPTH}, so it was not read` } };
  }
  const lineCounter = new LineCounter();
  // Only scalar values are read (aliases are never expanded); uniqueKeys off avoids the quadratic
  // duplicate-key check on huge maps.
  const doc = parseDocument(node.value, { uniqueKeys: false, lineCounter, prettyErrors: false });
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
    entries.push({ key, normalizedKey: normalizeKey(key), value: value.trim(), span, keySpan, form: 'front-matter' });
  }
  return { entries, error: null };
}

function entriesFromLines(
  start: number,
  end: number,
  source: SourceText,
  form: 'line' | 'list',
  allowPlainKeys: boolean,
): MetadataEntry[] {
  const entries: MetadataEntry[] = [];
  const text = source.text.slice(start, end);
  let offset = start;
  for (const rawLine of text.split('\n')) {
    const line = rawLine.replace(/\r$/, '');
    const bold = BOLD_KEY_LINE.exec(line);
    if (bold && (bold[4] === ':' || (bold[5] ?? '').includes(':'))) {
      const [, lead = '', marker = '', key = '', , , value = ''] = bold;
      const keyStart = offset + lead.length;
      const keyEnd = keyStart + marker.length * 2 + key.length + (bold[4] ?? '').length;
      const valueOffset = value ? offset + line.lastIndexOf(value) : keyEnd;
      entries.push({
        key: key.trim(),
        normalizedKey: normalizeKey(key),
        value: unwrapEmphasis(value),
        span: source.span(valueOffset, valueOffset + value.length),
        keySpan: source.span(keyStart, keyEnd),
        form,
      });
    } else if (allowPlainKeys) {
      const plain = PLAIN_KEY_ITEM.exec(line);
      if (plain) {
        const [, lead = '', key = '', value = ''] = plain;
        const keyStart = offset + lead.length;
        const valueOffset = offset + line.lastIndexOf(value);
        entries.push({
          key: key.trim(),
          normalizedKey: normalizeKey(key),
          value: unwrapEmphasis(value),
          span: source.span(valueOffset, valueOffset + value.length),
          keySpan: source.span(keyStart, keyStart + key.length),
          form,
        });
      }
    }
    offset += rawLine.length + 1;
  }
  return entries;
}

function entriesFromParagraph(node: Paragraph, source: SourceText): MetadataEntry[] {
  return entriesFromLines(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0, source, 'line', false);
}

function entriesFromList(node: List, source: SourceText): MetadataEntry[] {
  const entries: MetadataEntry[] = [];
  for (const item of node.children) {
    const first = item.children[0];
    if (!first || first.type !== 'paragraph') continue;
    const start = item.position?.start.offset ?? 0;
    const firstLineEnd = source.text.indexOf('\n', start);
    const end = Math.min(first.position?.end.offset ?? start, firstLineEnd < 0 ? source.text.length : firstLineEnd);
    entries.push(...entriesFromLines(start, end, source, 'list', true));
  }
  return entries;
}

function entriesFromTable(node: Table, source: SourceText): MetadataEntry[] {
  const entries: MetadataEntry[] = [];
  for (const row of node.children.slice(1)) {
    const [keyCell, valueCell] = row.children;
    if (!keyCell || !valueCell || row.children.length !== 2) continue;
    const strong = keyCell.children.length === 1 ? keyCell.children[0] : undefined;
    if (!strong || strong.type !== 'strong') continue;
    const key = toString(strong).replace(/:\s*$/, '').trim();
    if (!key) continue;
    const value = toString(valueCell).trim();
    const valueSpan = spanOf(valueCell, source);
    // Cells' positions include the surrounding pipes' padding; point at the text itself.
    const raw = source.text.slice(valueSpan.start.offset, valueSpan.end.offset);
    const lead = raw.length - raw.replace(/^[|\s]+/, '').length;
    const inner = raw.replace(/^[|\s]+/, '').replace(/[|\s]+$/, '');
    const at = valueSpan.start.offset + lead;
    entries.push({
      key,
      normalizedKey: normalizeKey(key),
      value: unwrapEmphasis(value),
      span: value ? source.span(at, at + inner.length) : source.span(at, at),
      keySpan: spanOf(strong, source),
      form: 'table',
    });
  }
  return entries;
}

function metadataNodes(root: Section): RootContent[] {
  const nodes: RootContent[] = [...root.ownNodes];
  const visit = (section: Section): void => {
    if (section.level === 1 || METADATA_SECTION_KEYS.has(section.key)) nodes.push(...section.ownNodes);
    if (section.level === 1) for (const child of section.children) visit(child);
  };
  for (const child of root.children) visit(child);
  return nodes;
}

/**
 * Gathers the document's metadata from YAML front matter, and from bold-key lines, bold-key list
 * items and two-column bold-key tables in the preamble (before the first H2) or a "Document Info"
 * section. The first occurrence of a key wins.
 */
export function extractMetadata(tree: Root, root: Section, source: SourceText): Metadata {
  const { entries, error } = frontMatter(tree, source);
  for (const node of metadataNodes(root)) {
    if (node.type === 'paragraph') entries.push(...entriesFromParagraph(node, source));
    else if (node.type === 'list') entries.push(...entriesFromList(node, source));
    else if (node.type === 'table') entries.push(...entriesFromTable(node, source));
  }
  const byKey = new Map<string, MetadataEntry>();
  for (const entry of entries) if (!byKey.has(entry.normalizedKey)) byKey.set(entry.normalizedKey, entry);
  return {
    entries,
    get: (key) => byKey.get(normalizeKey(key)),
    form: entries[0]?.form ?? null,
    frontMatterProblem: error,
  };
}
