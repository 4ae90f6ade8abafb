import type { z } from 'zod';
import { IdentitySchema } from './identity.js';
import { lazySchema } from '../util/lazy-schema.js';

export const TableSpecSchema = lazySchema((z) => z.object({
  /** Header cells as written in the template, in order. */
  columns: z.array(z.string().min(1)).min(1),
  required: z.boolean(),
}));

export interface SectionSpec {
  /** Heading text as written in the template (optional markers removed). */
  title: string;
  /** Normalized heading text; for wildcard headings the normalized template text. */
  key: string;
  /** For wildcard headings ("[Component 1]", "Entity 1: [Name]"): regex over the normalized heading. */
  pattern: string | null;
  level: number;
  required: boolean;
  repeatable: boolean;
  tables: z.infer<typeof TableSpecSchema>[];
  /** The template's own text under the heading, before any subsection. */
  guidance: string;
  /** Unticked checklist items here must be resolved before the spec is final (Open Questions). */
  mustResolve: boolean;
  children: SectionSpec[];
}

export const SectionSpecSchema: z.ZodType<SectionSpec> = lazySchema((z): z.ZodType<SectionSpec> => z.object({
  title: z.string().min(1),
  key: z.string(),
  pattern: z.string().nullable(),
  level: z.number().int().min(1).max(6),
  required: z.boolean(),
  repeatable: z.boolean(),
  tables: z.array(TableSpecSchema),
  guidance: z.string(),
  mustResolve: z.boolean(),
  get children() {
    return z.array(SectionSpecSchema);
  },
}));

export const MetadataFieldSchema = lazySchema((z) => z.object({
  /** The key as the template writes it ("Last Updated", "last_updated"). */
  key: z.string().min(1),
  normalizedKey: z.string().min(1),
  required: z.boolean(),
  kind: z.enum(['text', 'date', 'status']),
  /** Allowed values, in the template's spelling; null when the template gives no set. */
  values: z.array(z.string().min(1)).nullable(),
  /** For a date field whose template example is in words ("Date of initial proposal"): any wording is accepted. */
  format: z.enum(['iso', 'free']).optional(),
}));

export const TemplateSchema = lazySchema((z) => z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/i),
  description: z.string(),
  /** Where the template was read from. */
  source: z.string(),
  title: z
    .object({
      text: z.string(),
      /** Regex (case-insensitive) over the normalized title heading text. */
      pattern: z.string(),
      /** The title's heading level: 1, or 2 for a template that writes its title as an H2. */
      level: z.union([z.literal(1), z.literal(2)]),
    })
    .nullable(),
  sections: z.array(SectionSpecSchema),
  metadata: z.object({
    form: z.enum(['front-matter', 'line', 'list', 'table']).nullable(),
    fields: z.array(MetadataFieldSchema),
  }),
  /** How specs of this template name themselves and each other (id, file name, references). */
  identity: IdentitySchema,
  hasTableOfContents: z.boolean(),
  /** Normalized prose sentences of the template's guidance: left verbatim in a spec, they are placeholders. */
  guidanceSentences: z.array(z.string()),
  /** Normalized contents of the template's bracket placeholders ("name" for "[Name]"). */
  placeholders: z.array(z.string()),
  /** Normalized list items of the template's example text ("primary objective 1"): left unchanged in a spec, they are placeholders. */
  exampleItems: z.array(z.string()),
}));

export type TableSpec = z.infer<typeof TableSpecSchema>;
export type MetadataField = z.infer<typeof MetadataFieldSchema>;
export type Template = z.infer<typeof TemplateSchema>;
