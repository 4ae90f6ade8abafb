import type { MetadataEntry, SpecDocument } from '../document/index.js';
import { metadataKeyId } from '../document/metadata.js';
import type { MetadataField, Template } from './schema.js';

/**
 * A template field found in a spec: under the template's own key, or under a variant of it
 * ("Tracking Issue" for "Rust Issue", "Implementation" for "Implementation Status", "Date" or
 * "Original Proposition Date" for "Start Date", "Target Cilium Release" for "Cilium Release").
 */
export interface FieldMatch {
  entry: MetadataEntry;
  /** True when the spec writes the field under another key than the template's. */
  variant: boolean;
}

// Trailing words that qualify a key without being what it names: "Implementation Status" is about
// the implementation, "Review Info" about the review, "Review thread" and "Review threads" link the
// review, "Feature Name" names the feature. Never the head of a one-word key ("Status").
const GENERIC_TAILS = new Set(['status', 'state', 'info', 'information', 'detail', 'details', 'thread', 'threads', 'link', 'links', 'name']);

/**
 * The noun a key names: its last word ("issue" for "Tracking Issue"), skipping a generic tail
 * ("implementation" for "Implementation Status"). Words compare as metadataKeyId does (number,
 * case and spelling of separators ignored).
 */
function keyHead(key: string): string {
  return keyCore(key).split(' ').at(-1) ?? '';
}

// Words that make a key name another item than the bare noun: "Previous Proposal" and "Next
// Proposal" are different proposals, "Previous Review" is not the review. Two keys pair only when
// they carry the same such words.
const RELATIONAL_WORDS = new Set([
  'previous', 'prior', 'next', 'preceding', 'following', 'earlier', 'later', 'last', 'first',
  'old', 'older', 'new', 'newer', 'former', 'superseding', 'superseded', 'replacing',
  'replaced', 'related', 'parent', 'child', 'other', 'alternative', 'see', 'future', 'past',
  // A revision's date is not the start date: "Revision Date", "Updated", "Last Modified".
  'revision', 'revised', 'updated', 'modified', 'amended',
]);

function relationalWords(key: string): string {
  return metadataKeyId(key).split(' ').filter((word) => RELATIONAL_WORDS.has(word)).sort().join(' ');
}

// Keys with different heads that name one field: a proposal's "Decision Notes" link the record of
// its review and decision and a "Discussion" (thread) its review threads, which later templates
// list under "Review" (Swift's older revisions).
const FIELD_NAME_CLASSES: readonly (readonly string[])[] = [['review', 'decision notes', 'discussion']];

/** A key's words without a generic tail: "Discussion thread" → "discussion". */
function keyCore(key: string): string {
  const words = metadataKeyId(key).split(' ').filter(Boolean);
  while (words.length > 1 && GENERIC_TAILS.has(words[words.length - 1] ?? '')) words.pop();
  return words.join(' ');
}

const FIELD_NAME_CLASS_IDS = FIELD_NAME_CLASSES.map((names) => names.map(metadataKeyId));

function sameFieldClass(a: string, b: string): boolean {
  const [ida, idb] = [keyCore(a), keyCore(b)];
  return ida !== idb && FIELD_NAME_CLASS_IDS.some((ids) => ids.includes(ida) && ids.includes(idb));
}

/** Do the two keys name the same thing (see matchFields)? */
export function isKeyVariant(templateKey: string, specKey: string): boolean {
  if (sameFieldClass(templateKey, specKey)) return true;
  const head = keyHead(templateKey);
  return head !== '' && keyHead(specKey) === head && relationalWords(templateKey) === relationalWords(specKey);
}

const cache = new WeakMap<SpecDocument, WeakMap<Template, Map<string, FieldMatch>>>();

/**
 * Pairs the template's fields with the spec's entries. A field is found under its own key first.
 * A required field the spec lacks is found under a variant key when both name the same head noun
 * (see keyHead) with the same relational words ("Previous", "Next", "Related", …), and the pairing
 * is unambiguous: the spec's key is no field of the template, no other spec key is a variant of the
 * field, and the spec's key is a variant of no other missing field. Keys with different heads never
 * match: "Review" is not "Review Manager"; nor do "Previous Review" and "Review".
 */
function matchFields(doc: SpecDocument, template: Template): Map<string, FieldMatch> {
  const matches = new Map<string, FieldMatch>();
  const templateIds = new Set(template.metadata.fields.map((field) => metadataKeyId(field.key)));
  const missing: MetadataField[] = [];
  for (const field of template.metadata.fields) {
    const entry = doc.metadata.get(field.normalizedKey);
    if (entry) matches.set(field.normalizedKey, { entry, variant: false });
    else missing.push(field);
  }
  // The spec's keys that are not the template's, first occurrence of each.
  const spare = new Map<string, MetadataEntry>();
  for (const entry of doc.metadata.entries) {
    const id = metadataKeyId(entry.key);
    if (!templateIds.has(id) && !spare.has(id) && keyHead(entry.key) !== '') spare.set(id, entry);
  }
  for (const field of missing) {
    if (!field.required) continue;
    const candidates = [...spare.values()].filter((entry) => isKeyVariant(field.key, entry.key));
    const rivals = missing.filter((other) => candidates.some((entry) => isKeyVariant(other.key, entry.key)));
    const [entry] = candidates;
    if (entry && candidates.length === 1 && rivals.length === 1) matches.set(field.normalizedKey, { entry, variant: true });
  }
  return matches;
}

/** The spec's entry for a template field, under the template's key or a variant of it. */
export function findField(doc: SpecDocument, template: Template, field: MetadataField): FieldMatch | undefined {
  let byTemplate = cache.get(doc);
  if (!byTemplate) cache.set(doc, (byTemplate = new WeakMap()));
  let matches = byTemplate.get(template);
  if (!matches) byTemplate.set(template, (matches = matchFields(doc, template)));
  return matches.get(field.normalizedKey);
}

/** The spec's entry for a template field (see findField), or undefined. */
export function fieldEntry(doc: SpecDocument, template: Template, field: MetadataField): MetadataEntry | undefined {
  return findField(doc, template, field)?.entry;
}
