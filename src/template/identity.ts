import type { z } from 'zod';
import { normalizeKey } from '../util/text.js';
import type { Directive } from './directives.js';
import { TemplateError } from './error.js';
import { lazySchema } from '../util/lazy-schema.js';

/**
 * How specs written from a template name themselves and each other, for the id and reference rules:
 *   <!-- speclint: id-field tech_spec_id -->      the metadata field holding the spec's id
 *   <!-- speclint: id-filename ts-{id} -->         file names start with the id ("{id}" when no pattern)
 *   <!-- speclint: references supersedes related --> metadata fields that name other specs
 *   <!-- speclint: superseded-status Superseded -->  the status of a spec another one supersedes
 */
export const IdentitySchema = lazySchema((z) => z.object({
  /** Normalized key of the id field, or null when specs of this template have no id. */
  idField: z.string().nullable(),
  /** File-name pattern with "{id}", or null when file names are free. */
  idFilename: z.string().nullable(),
  /** Normalized keys of the fields that name other specs. */
  references: z.array(z.string()),
  /** The status a superseded spec must have, or null when the template has none. */
  supersededStatus: z.string().nullable(),
}));

export type Identity = z.infer<typeof IdentitySchema>;

/** Fields that name other specs in most templates ("decision_ref", "superseded-by", "Related"). */
export const DEFAULT_REFERENCE_FIELDS: readonly string[] = ['decision ref', 'supersedes', 'superseded by', 'replaces', 'replaced by', 'related'];

export const NO_IDENTITY: Identity = { idField: null, idFilename: null, references: [...DEFAULT_REFERENCE_FIELDS], supersededStatus: null };

/** "tech_spec_id", "id", "ADR ID": a field that holds the spec's own id. */
function isIdKey(normalizedKey: string): boolean {
  return (normalizedKey === 'id' || normalizedKey.endsWith(' id')) && !normalizedKey.startsWith('template');
}

/** What identity needs of a template's metadata fields (structural, so that schema.ts can import this module). */
interface FieldFacts {
  normalizedKey: string;
  kind: string;
  values: readonly string[] | null;
}

export function deriveIdentity(directives: readonly Directive[], fields: readonly FieldFacts[], source: string): Identity {
  const argument = (name: string): string | undefined => directives.find((d) => d.name === name)?.argument;
  const idFieldArgument = argument('id-field');
  if (idFieldArgument === '') throw new TemplateError(`${source}: "id-field" needs the name of a metadata field`);
  const idField = idFieldArgument !== undefined ? normalizeKey(idFieldArgument) : (fields.find((f) => isIdKey(f.normalizedKey))?.normalizedKey ?? null);
  const filenameArgument = argument('id-filename');
  const idFilename = filenameArgument === undefined ? null : filenameArgument || '{id}';
  if (idFilename !== null && !idFilename.includes('{id}')) throw new TemplateError(`${source}: "id-filename" pattern must contain {id}`);
  const referenceArgument = argument('references');
  const references = referenceArgument ? referenceArgument.split(/[\s,]+/).filter(Boolean).map(normalizeKey) : [...DEFAULT_REFERENCE_FIELDS];
  const statuses = fields.find((f) => f.kind === 'status')?.values ?? [];
  const supersededStatus = argument('superseded-status') || (statuses.find((s) => /^(?:superseded|replaced)\b/i.test(s.trim())) ?? null);
  return { idField, idFilename, references, supersededStatus };
}

/** The `identity` setting of a config (top level or an override): replaces what the template says. */
export const IdentityConfigSchema = lazySchema((z) => z
  .object({
    idField: z.string().min(1).optional().describe('Metadata field that holds the spec id (e.g. "tech_spec_id", "eip")'),
    idFilename: z
      .union([z.string().regex(/\{id\}/, 'must contain {id}'), z.literal(false)])
      .optional()
      .describe('File-name pattern with {id} (e.g. "ts-{id}" or "{id}"), or false: names are free'),
    references: z.array(z.string().min(1)).optional().describe('Metadata fields that name other specs'),
    supersededStatus: z.union([z.string().min(1), z.literal(false)]).optional().describe('Status a superseded spec must have, or false'),
  })
  .strict());

export type IdentityConfig = z.infer<typeof IdentityConfigSchema>;

/** A file's identity settings: its template's, with the config's (later overrides win) on top. */
export function effectiveIdentity(template: Identity | null, configured: IdentityConfig | undefined): Identity {
  const base = template ?? NO_IDENTITY;
  if (!configured) return base;
  return {
    idField: configured.idField !== undefined ? normalizeKey(configured.idField) : base.idField,
    idFilename: configured.idFilename === false ? null : (configured.idFilename ?? base.idFilename),
    references: configured.references ? configured.references.map(normalizeKey) : base.references,
    supersededStatus: configured.supersededStatus === false ? null : (configured.supersededStatus ?? base.supersededStatus),
  };
}
