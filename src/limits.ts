/** Limits on what a file may be before speclint parses it. */
export interface Limits {
  /** Largest file linted, in bytes (default 4 MB). */
  maxFileSize: number;
  /** Deepest block nesting (block quotes and lists) parsed (default 64). */
  maxNesting: number;
}

export const DEFAULT_LIMITS: Limits = { maxFileSize: 4 * 1024 * 1024, maxNesting: 64 };
