import { join } from 'node:path';
import type { z } from 'zod';
import { describeFsError } from '../util/fs-errors.js';
import { shortHash } from '../util/hash.js';
import { MAX_STATE_BYTES } from '../input/limits.js';
import { ReadRefused, readBoundedTextSync } from '../input/read-bounded.js';
import type { Diagnostic } from '../core/types.js';
import { dataParts } from '../core/anchor.js';
import { lazySchema } from '../util/lazy-schema.js';
import { compareCodeUnits } from '../util/compare.js';

/**
 * The baseline: problems a team accepted when it adopted speclint, so that only new ones are
 * reported. Problems are keyed by file, rule, section path and a hash of the offending text and the
 * diagnostic's data (see anchor.ts), never by line or by the message's wording, so edits elsewhere in
 * a spec and reworded messages keep them matched. Each file also keeps a hash of its content, which
 * lets a moved or renamed file keep its entries.
 *
 * Format 1 hashed the values the message quoted instead of the data. Such a baseline is still read:
 * its files are marked `legacyKeys` and matched by the old hash (every anchor carries it), and each
 * file's entry is rewritten with the new keys the next time the baseline is written or pruned.
 */
export const DEFAULT_BASELINE_FILE = '.speclint-baseline.json';

/** Where the baseline is when none is named: beside the config file, else in the working folder. */
export function defaultBaselineFile(config: { path: string | null; dir: string }, cwd: string): string {
  return join(config.path ? config.dir : cwd, DEFAULT_BASELINE_FILE);
}

const problemSchema = lazySchema((z) => z
  .object({
    rule: z.string().min(1),
    section: z.string(),
    text: z.string().min(1),
    count: z.number().int().positive(),
    /** The first occurrence's message, for people reading the file; not part of the key. */
    message: z.string(),
  })
  .strict());

const fileEntrySchema = lazySchema((z) => z
  .object({
    content: z.string(),
    /** The problems are keyed as in format 1 (by the message's quoted values): the file was not linted since. */
    legacyKeys: z.literal(true).optional(),
    problems: z.array(problemSchema),
  })
  .strict());

export const BASELINE_VERSION = 2;

const baselineSchema = lazySchema((z) => z
  .object({
    version: z.union([z.literal(1), z.literal(BASELINE_VERSION)]),
    files: z.record(z.string(), fileEntrySchema),
  })
  .strict());

/** A baseline as read (format 1 ones already marked legacyKeys) or about to be written. */
export interface Baseline {
  version: typeof BASELINE_VERSION;
  files: Record<string, z.infer<typeof fileEntrySchema>>;
}
type BaselineProblem = z.infer<typeof problemSchema>;

export class BaselineError extends Error {}

/** A linted file as the baseline sees it. */
export interface BaselineFileInput {
  /** The path relative to the baseline's folder, with "/" separators. */
  key: string;
  contentHash: string;
  diagnostics: readonly Diagnostic[];
}

/** The hash a diagnostic is recorded under: from its data, or as format 1 built it (from the message's quoted values). */
function textKey(d: Diagnostic, legacy: boolean): string {
  if (legacy) return d.anchor?.legacyText ?? d.anchor?.text ?? shortHash(d.message);
  return d.anchor?.text ?? shortHash(...dataParts(d.data));
}

/** A diagnostic as the baseline records it. */
function asProblem(d: Diagnostic, count = 1): BaselineProblem {
  return { rule: d.ruleId, section: d.anchor?.section ?? '', text: textKey(d, false), count, message: d.message };
}

function keyOfProblem(p: Pick<BaselineProblem, 'rule' | 'section' | 'text'>): string {
  return `${p.rule}\u0000${p.section}\u0000${p.text}`;
}

function problemKey(d: Diagnostic, legacy = false): string {
  return keyOfProblem({ rule: d.ruleId, section: d.anchor?.section ?? '', text: textKey(d, legacy) });
}

function countsOf(problems: readonly BaselineProblem[]): Map<string, number> {
  const left = new Map<string, number>();
  for (const problem of problems) {
    const key = keyOfProblem(problem);
    left.set(key, (left.get(key) ?? 0) + problem.count);
  }
  return left;
}

/** The diagnostics a file's entry covers; a key recorded n times covers n occurrences. */
function covered(entry: Baseline['files'][string], diagnostics: readonly Diagnostic[]): Set<Diagnostic> {
  const left = countsOf(entry.problems);
  const found = new Set<Diagnostic>();
  for (const d of diagnostics) {
    // speclint's own failures are never hidden by a baseline.
    if (d.fatal) continue;
    const key = problemKey(d, entry.legacyKeys === true);
    const count = left.get(key) ?? 0;
    if (count === 0) continue;
    left.set(key, count - 1);
    found.add(d);
  }
  return found;
}

/** Reads a baseline; null when the file does not exist. A corrupt one is an error, never ignored. */
export function readBaseline(file: string): Baseline | null {
  let text: string;
  try {
    text = readBoundedTextSync(file, MAX_STATE_BYTES, 'a baseline');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    const cause = error instanceof ReadRefused ? error.message : describeFsError(error);
    throw new BaselineError(`cannot read the baseline: ${cause}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new BaselineError(`the baseline is not valid JSON (${error instanceof Error ? error.message : 'parse error'}); fix it or write it again with --baseline-write`);
  }
  const parsed = baselineSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    throw new BaselineError(`the baseline is not a speclint baseline (${where}${issue?.message ?? 'invalid'}); write it again with --baseline-write`);
  }
  if (parsed.data.version === BASELINE_VERSION) return { version: BASELINE_VERSION, files: parsed.data.files };
  const files: Baseline['files'] = {};
  for (const [key, entry] of Object.entries(parsed.data.files)) files[key] = { ...entry, legacyKeys: true };
  return { version: BASELINE_VERSION, files };
}

/** Which baseline entry each file uses: its own, or that of a file it was moved from (same content, old path gone). */
function entriesFor(baseline: Baseline, files: readonly BaselineFileInput[], exists: (key: string) => boolean): (string | undefined)[] {
  const current = new Set(files.map((f) => f.key));
  const movedFrom = new Map<string, string>();
  for (const [key, entry] of Object.entries(baseline.files)) {
    if (current.has(key) || exists(key)) continue;
    if (!movedFrom.has(entry.content)) movedFrom.set(entry.content, key);
  }
  return files.map((file) => {
    if (baseline.files[file.key]) return file.key;
    const from = movedFrom.get(file.contentHash);
    if (from) movedFrom.delete(file.contentHash);
    return from;
  });
}

export interface BaselineOutcome {
  /** Each file's diagnostics that the baseline does not cover. */
  kept: Diagnostic[][];
  suppressed: number;
  /** The baseline entry each file matched (its own path or the one it moved from). */
  matchedKeys: (string | undefined)[];
}

/** Drops the problems the baseline records; a key recorded n times covers n occurrences. */
export function applyBaseline(baseline: Baseline, files: readonly BaselineFileInput[], exists: (key: string) => boolean): BaselineOutcome {
  const matchedKeys = entriesFor(baseline, files, exists);
  let suppressed = 0;
  const kept = files.map((file, k) => {
    const key = matchedKeys[k];
    const entry = key === undefined ? undefined : baseline.files[key];
    if (!entry) return [...file.diagnostics];
    const hidden = covered(entry, file.diagnostics);
    suppressed += hidden.size;
    return file.diagnostics.filter((d) => !hidden.has(d));
  });
  return { kept, suppressed, matchedKeys };
}

function problemsOf(diagnostics: readonly Diagnostic[]): BaselineProblem[] {
  const byKey = new Map<string, BaselineProblem>();
  for (const d of diagnostics) {
    if (d.fatal) continue;
    const key = problemKey(d);
    const known = byKey.get(key);
    if (known) known.count++;
    else byKey.set(key, asProblem(d));
  }
  return [...byKey.values()];
}

function sorted(files: Map<string, Baseline['files'][string]>): Baseline {
  const out: Baseline['files'] = {};
  for (const key of [...files.keys()].sort(compareCodeUnits)) {
    const entry = files.get(key);
    if (!entry || entry.problems.length === 0) continue;
    const problems = [...entry.problems].sort(
      (a, b) => compareCodeUnits(a.rule, b.rule) || compareCodeUnits(a.section, b.section) || compareCodeUnits(a.text, b.text),
    );
    out[key] = { content: entry.content, ...(entry.legacyKeys ? { legacyKeys: true } : {}), problems };
  }
  return { version: BASELINE_VERSION, files: out };
}

/**
 * The baseline after a run. "write" records every problem of the linted files; "prune" keeps only
 * recorded problems that still occur. Either way, entries of files not linted in this run are kept
 * while the file exists, and a moved file's entry moves with it.
 */
export function updateBaseline(
  previous: Baseline | null,
  files: readonly BaselineFileInput[],
  mode: 'write' | 'prune',
  exists: (key: string) => boolean,
): { baseline: Baseline; recorded: number; removed: number } {
  const next = new Map<string, Baseline['files'][string]>();
  const matched = previous ? entriesFor(previous, files, exists) : files.map(() => undefined);
  const linted = new Set(files.map((f) => f.key));
  const consumed = new Set(matched.filter((key): key is string => key !== undefined));
  for (const [key, entry] of Object.entries(previous?.files ?? {})) {
    if (!linted.has(key) && !consumed.has(key) && exists(key)) next.set(key, entry);
  }
  files.forEach((file, k) => {
    if (mode === 'write') {
      next.set(file.key, { content: file.contentHash, problems: problemsOf(file.diagnostics) });
      return;
    }
    const key = matched[k];
    const old = key === undefined ? undefined : previous?.files[key];
    if (!old) return;
    // What the old entry still covers, recorded with today's keys (a format 1 entry is rewritten here).
    const still = covered(old, file.diagnostics);
    next.set(file.key, { content: file.contentHash, problems: problemsOf(file.diagnostics.filter((d) => still.has(d))) });
  });
  const baseline = sorted(next);
  const total = (b: Baseline | null): number =>
    Object.values(b?.files ?? {}).reduce((n, entry) => n + entry.problems.reduce((m, p) => m + p.count, 0), 0);
  const recorded = total(baseline);
  return { baseline, recorded, removed: Math.max(0, total(previous) - recorded) };
}

export function serializeBaseline(baseline: Baseline): string {
  return `${JSON.stringify(baseline, null, 2)}\n`;
}
