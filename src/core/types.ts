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
export interface Fix {
  range: [number, number];
  text: string;
}

export interface Diagnostic {
  ruleId: string;
  severity: Severity;
  /** What is wrong, with the concrete values, and what is expected. */
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** What to do about it, where speclint can say. */
  hint?: string;
  /** The edit that repairs it, for rules that can (`--fix`). */
  fix?: Fix;
  /** speclint itself failed here (a rule crashed): the run exits 2, as for a file that cannot be linted. */
  fatal?: true;
  /** Where the problem is without line numbers (for the baseline and SARIF fingerprints). */
  anchor?: DiagnosticAnchor;
}

/**
 * A diagnostic's place that survives edits elsewhere in the file: the section it is in and a hash
 * of the text it is about.
 */
export interface DiagnosticAnchor {
  /** Heading path below the title ("Design > Data Model"); "" before the first section. */
  section: string;
  /** Short hash of the offending text and the values the message quotes. */
  text: string;
}

export interface LintResult {
  /** The path as given on the command line, or relative to the working directory. */
  path: string;
  /** Id of the template the file was checked against, or null when none fit. */
  template: string | null;
  diagnostics: Diagnostic[];
  /** The file could not be linted (binary, too large, timed out, unreadable, …): its one diagnostic says why. */
  fatal?: true;
}
