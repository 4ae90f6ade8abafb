import { sectionAt, sectionPath } from '../core/anchor.js';
import { isPlaceholderValue } from '../content/placeholders.js';
import type { MetadataEntry, SpecDocument } from '../document/index.js';
import { parseSuppressions } from '../engine/suppress.js';
import type { Identity } from '../template/identity.js';
import type { Template } from '../template/schema.js';
import { cleanHeadingText } from '../util/text.js';
import type { RuleSetting, Span } from '../core/types.js';
import type { FactReference, FactSpan, FactValue, Relation, SpecFacts } from './facts-schema.js';
import { isNoneValue, referenceItems } from './references.js';

export type { FactReference, FactSpan, FactValue, Relation, SpecFacts } from './facts-schema.js';

const SUPERSEDES = new Set(['supersedes', 'replaces', 'obsoletes']);
const SUPERSEDED_BY = new Set(['superseded by', 'replaced by', 'obsoleted by']);

export function relationOf(normalizedKey: string): Relation {
  return SUPERSEDES.has(normalizedKey) ? 'supersedes' : SUPERSEDED_BY.has(normalizedKey) ? 'superseded-by' : 'refers';
}

function toFactSpan(span: Span): FactSpan {
  return { line: span.start.line, column: span.start.column, endLine: span.end.line, endColumn: span.end.column };
}

function sectionAtOffset(document: SpecDocument, offset: number): string {
  return sectionPath(sectionAt(document, offset));
}

function valueOf(document: SpecDocument, entry: MetadataEntry | undefined): FactValue | null {
  if (!entry || !entry.value || isPlaceholderValue(entry.value)) return null;
  return { value: entry.value, at: toFactSpan(entry.span), section: sectionAtOffset(document, entry.span.start.offset) };
}

function firstValue(document: SpecDocument, keys: readonly string[]): string | null {
  for (const key of keys) {
    const value = valueOf(document, document.metadata.get(key));
    if (value) return value.value;
  }
  return null;
}

function title(document: SpecDocument): string | null {
  const heading = document.titles[0];
  if (heading) return cleanHeadingText(heading.text) || null;
  return firstValue(document, ['title']);
}

/** The specs a reference field names, each with its own span. */
function referencesOf(document: SpecDocument, entry: MetadataEntry): FactReference[] {
  const { source } = document;
  const start = entry.span.start.offset;
  const raw = source.text.slice(start, entry.span.end.offset);
  // Front matter values are read as YAML (quotes and lists resolved); other forms as written.
  const text = entry.form === 'front-matter' ? entry.value : raw;
  const section = sectionAtOffset(document, start);
  const relation = relationOf(entry.normalizedKey);
  const found: FactReference[] = [];
  let searchFrom = 0;
  for (const item of referenceItems(text)) {
    const written = text.slice(item.start, item.end);
    if (!item.target && (isNoneValue(item.text) || isPlaceholderValue(item.text))) continue;
    // Where the item is in the file: found in the raw text, else the whole value.
    const at = raw.indexOf(written, searchFrom);
    const span = at >= 0 ? source.span(start + at, start + at + written.length) : entry.span;
    if (at >= 0) searchFrom = at + written.length;
    found.push({ field: entry.key, relation, value: item.text, target: item.target, at: toFactSpan(span), section });
  }
  return found;
}

export interface FactsInput {
  document: SpecDocument;
  template: Template | null;
  identity: Identity;
  /** The setting of each repository rule for this file. */
  rules: Record<string, RuleSetting>;
}

/** Reads a spec's id, title, status, dates and references. */
export function specFacts({ document, template, identity, rules }: FactsInput): SpecFacts {
  const { metadata } = document;
  const idEntry = identity.idField ? metadata.get(identity.idField) : undefined;
  const isReference = (key: string): boolean => identity.references.includes(key);
  const references = metadata.entries.filter((e) => isReference(e.normalizedKey)).flatMap((e) => referencesOf(document, e));
  // A field of the relation in the spec, or one its template asks for, named as written there.
  const fields = [...metadata.entries, ...(template?.metadata.fields ?? [])];
  const declared = (relation: Relation): string | null =>
    fields.find((field) => isReference(field.normalizedKey) && relationOf(field.normalizedKey) === relation)?.key ?? null;
  const directives = parseSuppressions(document);
  return {
    idField: idEntry?.key ?? identity.idField,
    id: valueOf(document, idEntry),
    title: title(document),
    status: valueOf(document, metadata.get('status')),
    created: firstValue(document, ['created', 'date', 'created on', 'creation date']),
    updated: firstValue(document, ['last updated', 'updated', 'last modified', 'modified']),
    references,
    hasField: { supersedes: declared('supersedes'), supersededBy: declared('superseded-by') },
    supersededStatus: identity.supersededStatus,
    rules,
    suppressions: directives,
  };
}
