/**
 * speclint's per-user start-up cache: a folder in the temp folder holding what a run may reuse
 * from an earlier one on this machine (compiled code, derived templates). Only a folder and files
 * of this user are read (a shared temp folder is not trusted); anything wrong with them (missing,
 * corrupt, not ours, unwritable) means doing the work as usual, never a failure.
 * SPECLINT_NO_COMPILE_CACHE=1 turns it off; SPECLINT_COMPILE_CACHE_DIR moves it.
 */
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { globalSlot } from './global-slot.js';
import { SAFE_READ_FLAGS, readFully } from './file-bytes.js';

/** The cache file of that name, or undefined when the cache is off. */
export function userCacheFile(name: string): string | undefined {
  if (process.env.SPECLINT_NO_COMPILE_CACHE) return undefined;
  const uid = typeof process.getuid === 'function' ? process.getuid() : 'user';
  const dir = process.env.SPECLINT_COMPILE_CACHE_DIR ?? join(tmpdir(), `speclint-compile-cache-${uid}`);
  return join(dir, name);
}

const uid = (): number | undefined => (typeof process.getuid === 'function' ? process.getuid() : undefined);

/**
 * The file's bytes, only from a folder and file of this user. They are read into `into` when it has
 * room for them (the code cache goes where its bundle was read: see readBundle in code-cache.ts).
 */
export function readUserCacheFile(file: string, into?: Buffer): Buffer | undefined {
  let fd: number | undefined;
  try {
    const user = uid();
    if (user !== undefined && statSync(dirname(file)).uid !== user) return undefined;
    // A FIFO planted in the folder must not block in open(), before the check below.
    fd = openSync(file, SAFE_READ_FLAGS);
    const stats = fstatSync(fd);
    if (!stats.isFile() || (user !== undefined && stats.uid !== user)) return undefined;
    const buffer = into && into.length > stats.size ? into : Buffer.allocUnsafeSlow(stats.size + 1);
    const length = readFully(fd, buffer);
    // A file that filled the buffer (it grew as it was read) is left for the next run.
    return length < buffer.length ? buffer.subarray(0, length) : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Makes the file's folder if need be, and says whether a file may be written there: the folder is
 * this user's and no one else may write in it. A folder someone else made in the shared temp
 * folder, or opened to others, is not written in (its files could be links planted to make this
 * user overwrite their own files).
 */
export function userCacheWritable(file: string): boolean {
  try {
    const dir = dirname(file);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stats = statSync(dir);
    const user = uid();
    return stats.isDirectory() && (user === undefined || (stats.uid === user && (stats.mode & 0o022) === 0));
  } catch {
    return false;
  }
}

/**
 * Writes through a new temporary file (never through one that exists, a link included) and a rename,
 * so that a reader never sees half a file; then prunes the folder, which would otherwise keep a
 * megabyte or two for every build ever run.
 */
export function writeUserCacheFile(file: string, data: Buffer | string, budget = USER_CACHE_BUDGET_BYTES): void {
  if (!userCacheWritable(file)) return;
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, data, { mode: 0o600, flag: 'wx' });
    renameSync(temporary, file);
    pruneUserCache(dirname(file), file, budget);
  } catch {
    // A cache that cannot be written only costs the next run the work.
  }
}

/**
 * What the folder may hold. Past it, the files written longest ago go, even one still in use: its
 * next run makes it again (an older file goes with it, so the newest files are what is kept).
 */
export const USER_CACHE_BUDGET_BYTES = 64 * 1024 * 1024;
/** The files this cache writes: code caches, derived templates, and temporary files of either. */
const CACHE_FILE = /^(?:[0-9a-f]{20}\.bin|template-[0-9a-f]{20}(?:[0-9a-f]{4})?\.json)(\.\d+\.tmp)?$/;
/** A temporary file this old was left by a run that died between writing and renaming it. */
const ORPHAN_AGE_MS = 60 * 60 * 1000;

/** Removes this cache's files beyond the budget, written longest ago first, and orphaned temporary files; never `keep`. */
export function pruneUserCache(dir: string, keep: string, budget = USER_CACHE_BUDGET_BYTES): void {
  const files: { path: string; size: number; written: number }[] = [];
  for (const name of readdirSync(dir)) {
    const match = CACHE_FILE.exec(name);
    const path = join(dir, name);
    if (!match || path === keep) continue;
    try {
      const stats = statSync(path);
      if (!stats.isFile()) continue;
      if (match[1] !== undefined) {
        if (Date.now() - stats.mtimeMs > ORPHAN_AGE_MS) unlinkSync(path);
        continue;
      }
      files.push({ path, size: stats.size, written: stats.mtimeMs });
    } catch {
      // Gone already (another run pruned it) or not ours to remove: left as it is.
    }
  }
  let total = statSync(keep).size;
  for (const file of files.sort((a, b) => b.written - a.written)) {
    total += file.size;
    if (total <= budget) continue;
    try {
      unlinkSync(file.path);
    } catch {
      // As above.
    }
  }
}

// Set by the launcher, read by the bundle it runs (see globalSlot).
const build = globalSlot<string>('speclint.buildId');
const bundleContent = globalSlot<string>('speclint.bundleContentId');

/**
 * An id of the running build (a hash of its bundle), set by the launcher that runs the bundle;
 * undefined when speclint runs from its sources, where nothing derived may be reused.
 */
export const buildId = build.get;
export const setBuildId = build.set;

/**
 * The content id of the running bundle (the SHA-256 prefix its build computed), set by the launcher
 * that runs it; undefined when speclint runs from its sources. Unlike buildId it names the code only,
 * not the Node, flags or path it runs with.
 */
export const bundleContentId = bundleContent.get;
export const setBundleContentId = bundleContent.set;
