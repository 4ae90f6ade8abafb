import { z } from 'zod';

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
export const fixSchema = z.object({ range: z.tuple([z.number().int(), z.number().int()]), text: z.string() });
export type Fix = z.infer<typeof fixSchema>;

/**
 * A diagnostic's place that survives edits elsewhere in the file: the section it is in and a hash
 * of the text it is about.
 */
export const diagnosticAnchorSchema = z.object({
  /** Heading path below the title ("Design > Data Model"); "" before the first section. */
  section: z.string(),
  /** Short hash of the offending text and the values the message quotes. */
  text: z.string(),
});
export type DiagnosticAnchor = z.infer<typeof diagnosticAnchorSchema>;

/** A diagnostic: the one shape the engine returns, reports print, and the JSON report and the cache store (checked when read back). */
export const diagnosticSchema = z.object({
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
  /** speclint itself failed here (a rule crashed): the run exits 2, as for a file that cannot be linted. */
  fatal: z.literal(true).optional(),
  /** Where the problem is without line numbers (for the baseline and SARIF fingerprints). */
  anchor: diagnosticAnchorSchema.optional(),
});
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
