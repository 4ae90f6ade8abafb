import type { z } from 'zod';
import { lazySchema } from '../util/lazy-schema.js';

const point = lazySchema((z) => z.object({ line: z.number().int(), column: z.number().int(), offset: z.number().int() }));
const span = lazySchema((z) => z.object({ start: point, end: point }));

/** A place in a spec, as diagnostics give it (1-based, end exclusive). */
const factSpan = lazySchema((z) => z.object({ line: z.number().int(), column: z.number().int(), endLine: z.number().int(), endColumn: z.number().int() }));

/** A value read from a spec, with where it is (for reporting) and its section (for the baseline). */
const factValue = lazySchema((z) => z.object({ value: z.string(), at: factSpan, section: z.string() }));

const relation = lazySchema((z) => z.enum(['supersedes', 'superseded-by', 'refers']));

const factReference = lazySchema((z) => factValue.extend({
  /** The field as written ("superseded_by"). */
  field: z.string(),
  relation,
  /** A link's target, when the item is a link. */
  target: z.string().nullable(),
}));

/**
 * What the repository-wide rules and the index need to know about one spec: plain data, so that it
 * comes back from a worker and is kept in the cache (checked when read back, never trusted).
 */
export const specFactsSchema = lazySchema((z) => z.object({
  /** The id field as written in the spec or its template ("tech_spec_id"), or null when there is none. */
  idField: z.string().nullable(),
  /** The spec's id; null when it has none, or only a placeholder ("TS-XXXX"). */
  id: factValue.nullable(),
  title: z.string().nullable(),
  status: factValue.nullable(),
  created: z.string().nullable(),
  updated: z.string().nullable(),
  references: z.array(factReference),
  /**
   * The spec's field of each relation as it (or else its template) names it ("replaces",
   * "superseded-by"), or null when neither has one: only then is a missing back-reference no problem.
   */
  hasField: z.object({ supersedes: z.string().nullable(), supersededBy: z.string().nullable() }),
  supersededStatus: z.string().nullable(),
  /** Each repository rule's setting for this file. */
  rules: z.record(z.string(), z.enum(['off', 'warning', 'error'])),
  /** The file's speclint-disable comments, which apply to repository rules too. */
  suppressions: z.array(
    z.object({ kind: z.enum(['disable', 'enable', 'disable-next-line', 'disable-file']), rules: z.array(z.string()), span, ruleSpans: z.array(span) }),
  ),
}));

export type FactSpan = z.infer<typeof factSpan>;
export type FactValue = z.infer<typeof factValue>;
export type Relation = z.infer<typeof relation>;
export type FactReference = z.infer<typeof factReference>;
export type SpecFacts = z.infer<typeof specFactsSchema>;
