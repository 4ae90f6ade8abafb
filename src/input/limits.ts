/** Limits on what a file may be before speclint parses it. */
export interface Limits {
  /** Largest file linted, in bytes (default 1 MiB). */
  maxFileSize: number;
  /** Deepest block nesting (block quotes and lists) parsed (default 64). */
  maxNesting: number;
}

/**
 * 1 MiB: the largest spec in eleven real corpora (2,880 documents) is 172 KB, and a realistic 1 MiB
 * spec takes about 3 s of CPU here, so a file under this limit finishes well inside the default time
 * budget (10 s, DEFAULT_FILE_TIMEOUT_S) even on a busy machine; at the old 4 MB it never could.
 */
export const DEFAULT_LIMITS: Limits = { maxFileSize: 1024 * 1024, maxNesting: 64 };

/** Largest config file read (real ones are a few KB; YAML parsing time grows with size). */
export const MAX_CONFIG_BYTES = 1024 * 1024;
/** Largest template file read (the built-in templates are under 20 KB). */
export const MAX_TEMPLATE_BYTES = 1024 * 1024;
/** Largest baseline or cache file read (both grow with the repository; these only stop runaway reads). */
export const MAX_STATE_BYTES = 256 * 1024 * 1024;
/** Longest placeholder string a config may list (real ones are a word or two). */
export const MAX_PLACEHOLDER_LENGTH = 200;
/** Largest --file-timeout, in seconds (a day; timers cannot go past 24.8 days). */
export const MAX_FILE_TIMEOUT_S = 86_400;
