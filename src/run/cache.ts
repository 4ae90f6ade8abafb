import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { z } from 'zod';
import { signEntry } from './cache-key.js';
import { MAX_STATE_BYTES } from '../input/limits.js';
import { readBoundedTextSync } from '../input/read-bounded.js';
import type { SpecFacts } from '../repository/facts.js';
import type { Diagnostic } from '../core/types.js';
import { writeFileAtomic } from '../util/write.js';
import { lazySchema } from '../util/lazy-schema.js';
import { compareCodeUnits } from '../util/compare.js';
import { diagnosticSchema } from '../report/report-schema.js';
import { specFactsSchema } from '../repository/facts-schema.js';

export const DEFAULT_CACHE_FILE = '.speclintcache';
// 5: entries are signed with the run's signature (4: diagnostics carry data and related locations).
const FORMAT = 'speclint-cache/5';

const entrySchema = lazySchema((z) => z.object({
  /** Hash of the file's content, its effective options and its path. */
  key: z.string(),
  template: z.string().nullable(),
  diagnostics: z.array(diagnosticSchema),
  facts: specFactsSchema,
}));

type CacheEntry = z.infer<typeof entrySchema>;

interface SignedEntry {
  entry: unknown;
  mac: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The cache file's frame, if it is this format's: `run` (the hash of speclint's version and build and
 * everything run-wide that changes results) and each entry with its signature (see cache-key.ts),
 * checked before the entry is read. Checked by hand rather than by a zod schema: three fields, and a
 * re-run whose files are all cached would otherwise load zod for them alone (~10 ms of ~300).
 */
function cacheFileFrame(data: unknown): { run: string; entries: Record<string, SignedEntry> } | undefined {
  if (!isRecord(data) || data.format !== FORMAT || typeof data.run !== 'string' || !isRecord(data.entries)) return undefined;
  for (const signed of Object.values(data.entries)) {
    if (!isRecord(signed) || typeof signed.mac !== 'string' || !('entry' in signed)) return undefined;
  }
  return { run: data.run, entries: data.entries as Record<string, SignedEntry> };
}

/** Where the cache lives: --cache-location as a file, or a file in it when it names a folder. */
export function cacheFilePath(location: string | undefined, cwd: string): string {
  if (location === undefined) return join(cwd, DEFAULT_CACHE_FILE);
  const path = resolve(cwd, location);
  const isFolder = location.endsWith('/') || location.endsWith('\\') || (existsSync(path) && statSync(path).isDirectory());
  return isFolder ? join(path, DEFAULT_CACHE_FILE) : path;
}

/**
 * Results of earlier runs, per file, reused when nothing that decides them changed: the file's
 * content, its effective config, the templates, the flags that matter, speclint's version. A cache
 * file that is unreadable, corrupt, of another format or from another setup is ignored and replaced,
 * never trusted; an entry not signed with this user's secret (a cache committed or edited by someone
 * else) is ignored and the file linted again.
 */
export class LintCache {
  private readonly entries: Map<string, Held>;
  private changed = false;

  private constructor(
    private readonly file: string,
    private readonly run: string,
    entries: Map<string, Held>,
    private readonly secret: string,
    private readonly trustSigned: boolean,
  ) {
    this.entries = entries;
  }

  /**
   * `trustSigned`: whether an entry that verifies is used as it is, without a schema check — only
   * when `run` names the build (its content id, see runSignature in lint-targets.ts), so that an entry
   * that verifies was written by this very code; from sources (no build id) every entry is checked.
   * Entries are verified when they are first asked for: a run verifies those of its own files only.
   */
  static load(file: string, run: string, secret: string, trustSigned: boolean): LintCache {
    const empty = (): LintCache => new LintCache(file, run, new Map(), secret, trustSigned);
    let text: string;
    try {
      text = readBoundedTextSync(file, MAX_STATE_BYTES, 'a cache');
    } catch {
      return empty();
    }
    // Unreadable, not JSON, another format, another setup: start afresh, never trust it.
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return empty();
    }
    const frame = cacheFileFrame(data);
    if (!frame || frame.run !== run) return empty();
    return new LintCache(file, run, new Map(Object.entries(frame.entries).map(([path, signed]) => [path, { signed }])), secret, trustSigned);
  }

  /** The entry of the file, verified (and checked against the schema unless trusted); an entry that fails is dropped. */
  private entry(absolutePath: string): CacheEntry | undefined {
    const held = this.entries.get(absolutePath);
    if (!held || 'made' in held) return held?.made;
    if (held.checked) return held.checked;
    const { signed } = held;
    // The signature covers the run and the entry exactly as written (JSON.parse keeps the order of
    // keys). Checking a verified entry against the schema took ~25 ms of a 210 ms re-run of 216 files.
    if (signEntry(this.secret, this.run, absolutePath, JSON.stringify(signed.entry)) === signed.mac) {
      if (this.trustSigned) held.checked = signed.entry as CacheEntry;
      else {
        const checked = entrySchema.safeParse(signed.entry);
        if (checked.success) held.checked = checked.data;
      }
    }
    // An entry that fails is not written back (it is linted again and replaced, or left out).
    if (!held.checked) this.entries.delete(absolutePath);
    return held.checked;
  }

  get(absolutePath: string, key: string): { template: string | null; diagnostics: Diagnostic[]; facts: SpecFacts } | undefined {
    const entry = this.entry(absolutePath);
    if (!entry || entry.key !== key) return undefined;
    return { template: entry.template, diagnostics: entry.diagnostics as Diagnostic[], facts: entry.facts };
  }

  set(absolutePath: string, key: string, result: { template: string | null; diagnostics: Diagnostic[]; facts: SpecFacts }): void {
    this.entries.set(absolutePath, { made: { key, ...result } });
    this.changed = true;
  }

  delete(absolutePath: string): void {
    if (this.entries.delete(absolutePath)) this.changed = true;
  }

  /**
   * Writes the cache (atomically), dropping entries of files that no longer exist. Entries read go
   * back as they were read, those this run did not ask for still to be verified by a run that asks
   * (one that does not verify, signed elsewhere say, is never used, and goes when its file is linted
   * again or gone); the file is ASCII (other characters escaped), which the next run reads several
   * times faster than UTF-8.
   */
  save(): void {
    for (const path of [...this.entries.keys()]) {
      if (!existsSync(path)) {
        this.entries.delete(path);
        this.changed = true;
      }
    }
    if (!this.changed && existsSync(this.file)) return;
    const sorted = [...this.entries].sort(([a], [b]) => compareCodeUnits(a, b));
    const entries = Object.fromEntries(
      sorted.map(([path, held]) => [path, 'made' in held ? { entry: held.made, mac: signEntry(this.secret, this.run, path, JSON.stringify(held.made)) } : held.signed]),
    );
    writeFileAtomic(this.file, `${asciiJson({ format: FORMAT, run: this.run, entries })}\n`);
  }
}

/**
 * An entry as read, written back as it was read (`checked`: the entry once verified, as the schema
 * parsed it when it was checked), or one this run made, signed when it is written.
 */
type Held = { signed: SignedEntry; checked?: CacheEntry } | { made: CacheEntry };

/** JSON with every character past ASCII escaped (`\u00e9`): the same value, read back as Latin-1. */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
