/**
 * speclint's per-user start-up cache: a folder in the temp folder holding what a run may reuse
 * from an earlier one on this machine (compiled code, derived templates). Only a folder and files
 * of this user are read (a shared temp folder is not trusted); anything wrong with them (missing,
 * corrupt, not ours, unwritable) means doing the work as usual, never a failure.
 * SPECLINT_NO_COMPILE_CACHE=1 turns it off; SPECLINT_COMPILE_CACHE_DIR moves it.
 */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The cache file of that name, or undefined when the cache is off. */
export function userCacheFile(name: string): string | undefined {
  if (process.env.SPECLINT_NO_COMPILE_CACHE) return undefined;
  const uid = typeof process.getuid === 'function' ? process.getuid() : 'user';
  const dir = process.env.SPECLINT_COMPILE_CACHE_DIR ?? join(tmpdir(), `speclint-compile-cache-${uid}`);
  return join(dir, name);
}

/** The file's bytes, only from a folder and file of this user. */
export function readUserCacheFile(file: string): Buffer | undefined {
  try {
    const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
    if (uid !== undefined && (statSync(dirname(file)).uid !== uid || statSync(file).uid !== uid)) return undefined;
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Writes through a temporary file and a rename, so that a reader never sees half a file. */
export function writeUserCacheFile(file: string, data: Buffer | string): void {
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, data, { mode: 0o600 });
    renameSync(temporary, file);
  } catch {
    // A cache that cannot be written only costs the next run the work.
  }
}

const BUILD_ID = Symbol.for('speclint.buildId');

/**
 * An id of the running build (a hash of its bundle), set by the launcher that runs the bundle;
 * undefined when speclint runs from its sources, where nothing derived may be reused.
 */
export function buildId(): string | undefined {
  const value = (globalThis as Record<symbol, unknown>)[BUILD_ID];
  return typeof value === 'string' ? value : undefined;
}

export function setBuildId(id: string): void {
  (globalThis as Record<symbol, unknown>)[BUILD_ID] = id;
}
