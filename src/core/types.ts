import type { z } from 'zod';
import { lazySchema } from '../util/lazy-schema.js';

/** Shared result types. Lines and columns are 1-based; the end is exclusive, as in unist. */
export type Severity = 'error' | 'warning';
/** A rule's configured level: a severity, or 'off' to disable it. */
export type RuleSetting = Severity | 'off';

export interface Point {
  line: number;
  column: number;
  offset: number;
}

export interface Span {
  start: Point;
  end: Point;
}

/** A text edit on the linted source (offsets into the text without a byte-order mark). */
export const fixSchema = lazySchema((z) => z.object({ range: z.tuple([z.number().int(), z.number().int()]), text: z.string() }));
export type Fix = z.infer<typeof fixSchema>;

/**
 * A diagnostic's place that survives edits elsewhere in the file: the section it is in and a hash
 * of the text it is about.
 */
export const diagnosticAnchorSchema = lazySchema((z) => z.object({
  /** Heading path below the title ("Design > Data Model"); "" before the first section. */
  section: z.string(),
  /** Short hash of the offending text and the diagnostic's data (never of the message's wording). */
  text: z.string(),
  /** The same hash as baselines of format 1 built it (with the values the message quotes): only to match such a baseline. */
  legacyText: z.string().optional(),
}));
export type DiagnosticAnchor = z.infer<typeof diagnosticAnchorSchema>;

/**
 * The values a diagnostic's message quotes, by name (`{ section: 'Data Model', columns: ['Owner'] }`):
 * what the problem is about, apart from how the message words it. Each rule declares its record's
 * shape (meta.data); baseline keys and SARIF fingerprints are built from these values.
 */
export const diagnosticValueSchema = lazySchema((z) => z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]));
export const diagnosticDataSchema = lazySchema((z) => z.record(z.string(), diagnosticValueSchema));
export type DiagnosticData = z.infer<typeof diagnosticDataSchema>;

/** Another place that belongs to a problem (the first copy of a duplicate section, the other spec with the same id). */
export const relatedLocationSchema = lazySchema((z) => z.object({
  /** The file, as reported; absent when it is the diagnostic's own file. */
  path: z.string().optional(),
  /** What is there ("first copy of 'Dependencies'"). */
  message: z.string(),
  line: z.number().int().positive(),
  column: z.number().int().positive(),
  endLine: z.number().int().positive(),
  endColumn: z.number().int().positive(),
}));
export type RelatedLocation = z.infer<typeof relatedLocationSchema>;

/** A diagnostic: the one shape the engine returns, reports print, and the JSON report and the cache store (checked when read back). */
export const diagnosticSchema = lazySchema((z) => z.object({
  ruleId: z.string(),
  severity: z.enum(['error', 'warning']),
  /** What is wrong, with the concrete values, and what is expected. */
  message: z.string(),
  line: z.number().int().positive(),
  column: z.number().int().positive(),
  endLine: z.number().int().positive(),
  endColumn: z.number().int().positive(),
  /** What to do about it, where speclint can say. */
  hint: z.string().optional(),
  /** The edit that repairs it, for rules that can (`--fix`). */
  fix: fixSchema.optional(),
  /** The values the message quotes, as the rule's typed record (see DiagnosticData). */
  data: diagnosticDataSchema.optional(),
  /** Other places that belong to the problem. */
  related: z.array(relatedLocationSchema).optional(),
  /** speclint itself failed here (a rule crashed): the run exits 2, as for a file that cannot be linted. */
  fatal: z.literal(true).optional(),
  /** Where the problem is without line numbers (for the baseline and SARIF fingerprints). */
  anchor: diagnosticAnchorSchema.optional(),
}));
export type Diagnostic = z.infer<typeof diagnosticSchema>;

export interface LintResult {
  /** The path as given on the command line, or relative to the working directory. */
  path: string;
  /** Id of the template the file was checked against, or null when none fit. */
  template: string | null;
  /** The config file it was linted with, relative to the working directory (null: none); left out where not known. */
  config?: string | null;
  diagnostics: Diagnostic[];
  /** The file could not be linted (binary, too large, timed out, unreadable, …): its one diagnostic says why. */
  fatal?: true;
}
