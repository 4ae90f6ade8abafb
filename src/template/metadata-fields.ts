import type { MetadataEntry, SpecDocument } from '../document/index.js';
import { metadataKeyId } from '../document/metadata.js';
import { toString } from 'mdast-util-to-string';
import { normalizeKey } from '../util/text.js';
import type { MetadataField } from './schema.js';

// What a template writes beside a field it does not require: "(optional)", "*if applicable*",
// "TF-RFC it replaces, else remove this header", "# Only required for Standards Track".
// Word edges that ignore '_' and '*', so that italics ("_if applicable_") count too.
const OPTIONAL_WORDS =
  /(?<![A-Za-z0-9])(?:optional(?:ly)?|if (?:applicable|any|needed|relevant|available|necessary)|where applicable|when applicable|only required|not required|(?:else|otherwise|or) (?:remove|delete|omit)|remove (?:this|the) (?:header|field|line|entry|row) if|may be (?:omitted|left (?:out|empty|blank)))(?![A-Za-z0-9])/i;
const DATE_SHAPE = /^\s*(?:YYYY-MM-DD|\d{4}-\d{2}-\d{2}|[[{<][^\]}>]*\b(?:date|yyyy-mm-dd)\b[^\]}>]*[\]}>])\s*$/i;
const ISO_MENTION = /\byyyy-mm-dd\b|\biso[ -]?8601\b|\b\d{4}-\d{2}-\d{2}\b/i;
const DATE_KEY = /\b(?:date|created|updated|modified)\b/;
/** Front matter keys that describe the template itself, not a field specs must have. */
const TEMPLATE_KEYS = new Set(['template id', 'template']);
/** Fields that point at other specs; a template lists them with example paths, or leaves them empty. */
const RELATION_KEYS = new Set([
  'see also',
  'replaces',
  'replaced by',
  'supersedes',
  'superseded by',
  'obsoletes',
  'obsoleted by',
  'extends',
  'extended by',
  'updates',
  'updated by',
  'related',
  'related to',
]);

/**
 * A set of statuses as a template writes it: "Draft | Review", "[Draft, Review]", "Draft / In Review",
 * "Implementable, Released, Dormant, Declined", or a YAML list. One value, or prose, is not a set.
 */
export function statusValues(value: string): string[] | null {
  const inner = value
    .trim()
    .replace(/^(?:(?:one of|allowed(?: values)?|values|statuses|options)\s*:?\s*)/i, '')
    .replace(/^["']|["']$/g, '')
    .replace(/^[[{<(]|[\]}>)]$/g, '')
    .trim();
  const separator = /[|/]/.test(inner) ? /\s*[|/]\s*/ : /\s*,\s*/;
  const items = inner.split(separator).map((v) => v.trim().replace(/^["'`]|["'`]$/g, ''));
  // "proposed | accepted | … | superseded by ADR-0123": an ellipsis among the values leaves the set open.
  if (items.some((v) => /^(?:\u2026|\.\.\.)$/.test(v))) return null;
  const values = items.filter((v) => v.length > 0);
  if (values.length < 2) return null;
  // Comma lists are sets only when every item is a short status name, not a phrase of prose.
  if (separator.source.includes(',') && !values.every((v) => /^\p{L}[\p{L}\p{N}-]*(?: [\p{L}\p{N}-]+){0,2}$/u.test(v))) return null;
  return values;
}

/** The statuses a template's status field allows: from its value, or the comment beside it. */
function statusSet(entry: MetadataEntry): string[] | null {
  return statusValues(entry.value) ?? (entry.comment ? statusValues(entry.comment) : null);
}

/** Does the template write this front matter field as a list (block sequence or `[…]`), or leave it empty? */
function isListOrEmpty(entry: MetadataEntry, doc: SpecDocument): boolean {
  if (entry.value === '') return true;
  const line = doc.source.line(entry.keySpan.start.line);
  const afterKey = line.slice(entry.keySpan.end.column - 1).replace(/^["']?\s*:\s*/, '');
  return afterKey === '' || afterKey.startsWith('#') || afterKey.startsWith('[');
}

function isOptional(entry: MetadataEntry, doc: SpecDocument, allFrontMatterOptional: boolean): boolean {
  if (OPTIONAL_WORDS.test(entry.value) || (entry.comment !== undefined && OPTIONAL_WORDS.test(entry.comment))) return true;
  if (entry.form !== 'front-matter') return false;
  if (allFrontMatterOptional) return true;
  return RELATION_KEYS.has(entry.normalizedKey) && isListOrEmpty(entry, doc);
}

/** Date fields: whether the template asks for ISO dates (its value shows one) or leaves the wording free. */
function dateFormat(entry: MetadataEntry): 'iso' | 'free' | null {
  if (DATE_SHAPE.test(entry.value) || ISO_MENTION.test(entry.value)) return 'iso';
  if (!DATE_KEY.test(entry.normalizedKey)) return null;
  // A key naming a date with an example in words ("Date of initial proposal") leaves the format free.
  return entry.value === '' ? 'iso' : 'free';
}

// A lead-in above a group of fields that makes them all optional: "*During the review process, add
// the following fields as needed:*" (Swift's SwiftPM template).
const OPTIONAL_LEAD_IN = /(?<![A-Za-z0-9])(?:as needed|if applicable|if any|optional(?:ly)?)(?![A-Za-z0-9])[^.]*:\s*$/i;

/** Where the fields after an optional lead-in paragraph of the preamble start: all are optional. */
function optionalFrom(doc: SpecDocument): number {
  for (const node of doc.tree.children) {
    if (node.type === 'heading' && node.depth > 1) break;
    if (node.type !== 'paragraph') continue;
    const from = node.position?.start.offset ?? 0;
    const to = node.position?.end.offset ?? 0;
    const holdsField = doc.metadata.entries.some((entry) => entry.keySpan.start.offset >= from && entry.keySpan.start.offset < to);
    if (!holdsField && OPTIONAL_LEAD_IN.test(toString(node).trim())) return to;
  }
  return Number.POSITIVE_INFINITY;
}

/** The metadata fields a template asks for, read from its metadata block in any form. */
export function deriveMetadataFields(doc: SpecDocument, declaredStatuses: string[] | null): MetadataField[] {
  const fields: MetadataField[] = [];
  const seen = new Set<string>();
  // A comment opening the front matter ("# These are optional metadata elements") covers every key.
  const frontMatter = doc.tree.children[0]?.type === 'yaml' ? doc.tree.children[0].value : '';
  const firstLine = frontMatter.trimStart().split('\n')[0] ?? '';
  const allFrontMatterOptional = firstLine.startsWith('#') && OPTIONAL_WORDS.test(firstLine);
  const leadIn = optionalFrom(doc);
  for (const entry of doc.metadata.entries) {
    const id = metadataKeyId(entry.key);
    if (seen.has(id) || TEMPLATE_KEYS.has(entry.normalizedKey)) continue;
    seen.add(id);
    const isStatus = entry.normalizedKey === 'status';
    const format = isStatus ? null : dateFormat(entry);
    fields.push({
      key: entry.key,
      normalizedKey: entry.normalizedKey,
      required: entry.keySpan.start.offset < leadIn && !isOptional(entry, doc, allFrontMatterOptional),
      kind: isStatus ? 'status' : format ? 'date' : 'text',
      values: isStatus ? (declaredStatuses ?? statusSet(entry)) : null,
      ...(format === 'free' ? { format } : {}),
    });
  }
  if (declaredStatuses && !seen.has('status')) {
    fields.push({ key: 'Status', normalizedKey: normalizeKey('Status'), required: true, kind: 'status', values: declaredStatuses });
  }
  return fields;
}
