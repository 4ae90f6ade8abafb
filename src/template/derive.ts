import type { RootContent } from 'mdast';
import { type Section, type SpecDocument, buildDocument } from '../document/index.js';
import { cleanHeadingText, hasOptionalMarker, normalizeHeading, escapeRegex } from '../util/text.js';
import { type Directive, directivesIn, directivesOfNodes, hasDirective, parseDirectives } from './directives.js';
import { deriveMetadataFields, statusValues } from './metadata-fields.js';
import { type SectionSpec, type TableSpec, type Template, TemplateSchema } from './schema.js';

import { TemplateError } from './error.js';
import { ID_WILDCARD, WILDCARD, linearPattern } from './pattern.js';
import { deriveIdentity } from './identity.js';
import { isConditionalInWords, isOptionalInWords } from './optional-prose.js';
import { templateTitle } from './title.js';
import { exampleHeading } from './examples.js';
import { templateText } from './template-text.js';

export { TemplateError };

// "[Component Name]", "{short title}", "<The EIP title>"
const BRACKET_PLACEHOLDER = /\[[^\]]+\]|\{[^}]+\}|<[^>]+>/;
const ID_PLACEHOLDER = /\b(?:X{3,}|N{3,})\b/i;
const TEMPLATE_ID = /^[a-z0-9][a-z0-9._-]*$/i;
/** Sections whose open checklist items must be resolved, unless the template says otherwise. */
const MUST_RESOLVE_KEYS = new Set(['open questions', 'unresolved questions', 'open issues', 'outstanding questions']);

/** A regex over normalized heading text for a heading with placeholders, or null for a fixed heading. */
export function placeholderPattern(normalized: string): string | null {
  if (!BRACKET_PLACEHOLDER.test(normalized) && !ID_PLACEHOLDER.test(normalized)) return null;
  const parts = normalized.split(/(\[[^\]]+\]|\{[^}]+\}|<[^>]+>|\b(?:x{3,}|n{3,})\b)/i);
  const fragments = parts.map((part) => {
    if (/^(?:\[.*\]|\{.*\}|<.*>)$/.test(part)) return WILDCARD;
    if (/^(?:x{3,}|n{3,})$/i.test(part)) return ID_WILDCARD;
    // "Entity 1: " – example numbers in the fixed text stand for any number.
    return escapeRegex(part).replace(/\d+/g, '\\d+').replace(/\s+/g, '\\s*');
  });
  return linearPattern(fragments);
}

/** A bold-key two-column table ("| **Method** | GET |") describes one thing; it is not a required table. */
function isKeyValueTable(node: RootContent): boolean {
  if (node.type !== 'table') return false;
  const rows = node.children.slice(1);
  return rows.length > 0 && rows.every((row) => row.children.length === 2 && row.children[0]?.children[0]?.type === 'strong');
}

function tableSpecs(section: Section, doc: SpecDocument): TableSpec[] {
  const specs: TableSpec[] = [];
  const nodes = section.ownNodes;
  nodes.forEach((node, i) => {
    if (node.type !== 'table' || doc.metadata.tables.has(node) || isKeyValueTable(node)) return;
    const table = doc.tables.find((t) => t.node === node);
    if (!table) return;
    const previous = nodes[i - 1];
    const optional = previous?.type === 'html' && hasDirective(parseDirectives(previous.value), 'optional');
    const columns = table.header.map((cell) => cleanHeadingText(cell.text)).filter((c) => c.length > 0);
    if (columns.length > 0) specs.push({ columns, required: !optional });
  });
  return specs;
}

/** Directives that apply to a section: inline in its heading, or the first thing under it. */
function sectionDirectives(section: Section): Directive[] {
  const inHeading = section.heading ? directivesIn(section.heading) : [];
  const first = section.ownNodes[0];
  const underHeading = first?.type === 'html' ? parseDirectives(first.value) : [];
  return [...inHeading, ...underHeading];
}

function guidanceOf(section: Section, doc: SpecDocument): string {
  return doc.source.text
    .slice(section.contentStart, section.contentEnd)
    .replace(/<!--\s*speclint:[\s\S]*?-->/g, '')
    .trim();
}

interface DeriveContext {
  doc: SpecDocument;
  optionalFromLevel: number;
  /** Sections the template itself marks optional (marker, directive or words), not by level or as examples. */
  markedOptional: WeakSet<SectionSpec>;
}

/**
 * `underOptional`: the sections are subsections of one the template marks optional. Their layout
 * is the template's suggestion for writing that section, not sections of their own that a spec
 * including it must have ("### Requirements (Optional)" split into Functional and Non-Functional).
 */
function deriveSections(sections: readonly Section[], ctx: DeriveContext, underOptional = false): SectionSpec[] {
  const specs: SectionSpec[] = [];
  const byPattern = new Map<string, SectionSpec>();
  for (const section of sections) {
    const directives = sectionDirectives(section);
    const title = cleanHeadingText(section.text);
    const key = normalizeHeading(section.text);
    const example = exampleHeading(key, sections);
    const pattern = (example?.shape === 'request' ? example.pattern : null) ?? placeholderPattern(key) ?? example?.pattern ?? null;
    if (pattern) {
      const existing = byPattern.get(`${section.level}:${pattern}`);
      if (existing) continue; // "[Component 2]" after "[Component 1]": one repeatable slot
    }
    let required = section.level < ctx.optionalFromLevel;
    const markedOptional = hasOptionalMarker(section.text) || hasDirective(directives, 'optional') || isOptionalInWords(section, ctx.doc);
    // A section required only once something happens ("Not required until targeted at a release")
    // is not required of every spec; unlike an optional one, it does not make its parent optional.
    const conditional = isConditionalInWords(section, ctx.doc);
    // Example headings show what may be repeated, not what every spec has.
    if (markedOptional || conditional || example || underOptional) required = false;
    const children = deriveSections(section.children, ctx, underOptional || (markedOptional && !hasDirective(directives, 'required')));
    // A heading with no text of its own that only groups subsections marked optional is itself optional.
    if (!section.hasOwnContent && children.length > 0 && children.every((child) => ctx.markedOptional.has(child))) required = false;
    if (hasDirective(directives, 'required')) required = true;
    const spec: SectionSpec = {
      title,
      key,
      pattern,
      level: section.level,
      required,
      repeatable: pattern !== null || hasDirective(directives, 'repeatable'),
      tables: tableSpecs(section, ctx.doc),
      guidance: guidanceOf(section, ctx.doc),
      mustResolve: hasDirective(directives, 'must-resolve') || MUST_RESOLVE_KEYS.has(key),
      children,
    };
    if (pattern) byPattern.set(`${section.level}:${pattern}`, spec);
    if (markedOptional && !hasDirective(directives, 'required')) ctx.markedOptional.add(spec);
    specs.push(spec);
  }
  return specs;
}

export interface DeriveOptions {
  id: string;
  description?: string;
  source: string;
  /** Other wording of the template that specs copy (a built-in template's seed): its text is example text too. */
  exampleText?: string | undefined;
}

/** Derives a Template from a plain Markdown template: headings, tables, metadata and annotations. */
export function deriveTemplate(markdown: string, options: DeriveOptions): Template {
  const doc = buildDocument(markdown, options.source);
  const allDirectives = directivesOfNodes(doc.tree.children as RootContent[]);
  const levelDirective = allDirectives.find((d) => d.name === 'optional-from-level');
  const optionalFromLevel = levelDirective ? Number.parseInt(levelDirective.argument, 10) : 7;
  if (!Number.isInteger(optionalFromLevel) || optionalFromLevel < 1 || optionalFromLevel > 7) {
    throw new TemplateError(`${options.source}: optional-from-level needs a heading level from 1 to 6`);
  }
  const statusDirective = allDirectives.find((d) => d.name === 'statuses');
  const declaredStatuses = statusDirective ? statusValues(statusDirective.argument) : null;
  if (statusDirective && !declaredStatuses) {
    throw new TemplateError(`${options.source}: "statuses" needs at least two values separated by "|"`);
  }

  const { title, topSections } = templateTitle(doc);
  const ctx: DeriveContext = { doc, optionalFromLevel, markedOptional: new WeakSet() };
  const sections = deriveSections(topSections, ctx);
  if (sections.length === 0) throw new TemplateError(`${options.source}: a template needs at least one section heading`);

  const declaredId = doc.metadata.entries.find((e) => e.form === 'front-matter' && e.normalizedKey === 'template id')?.value;
  if (declaredId !== undefined && !TEMPLATE_ID.test(declaredId)) {
    throw new TemplateError(`${options.source}: template-id "${declaredId}" may use only letters, digits, ".", "_" and "-"`);
  }
  const fields = deriveMetadataFields(doc, declaredStatuses);
  const template: Template = {
    id: declaredId ?? options.id,
    description: options.description ?? title?.text ?? options.id,
    source: options.source,
    title,
    sections,
    metadata: { form: doc.metadata.form, fields },
    identity: deriveIdentity(allDirectives, fields, options.source),
    hasTableOfContents: doc.sections.some((s) => s.key === 'table of contents' || s.key === 'contents'),
    ...templateText(doc, options.exampleText),
  };
  const parsed = TemplateSchema.safeParse(template);
  if (!parsed.success) {
    throw new TemplateError(`${options.source}: derived template is invalid: ${parsed.error.issues[0]?.message ?? 'unknown'}`);
  }
  return parsed.data;
}
