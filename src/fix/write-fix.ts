import type { Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';
import { builtinModule } from '../util/builtin-module.js';
import { siblingTempPath } from '../util/write.js';
import { describeError } from '../cli/commands/io.js';

/** Is `path` inside `folder` (both real paths)? A name like `..notes.md` is inside; `../notes.md` is not. */
export function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/**
 * Read-only by its mode bits, for the user speclint runs as (root as the owner): the check is on the
 * bits, not on a failed write, because root may write any file and would otherwise rewrite a file
 * its owner marked read-only (git and editors ask before writing such a file; speclint does not).
 */
export function isReadOnly(stats: Stats): boolean {
  const uid = process.getuid?.();
  if (uid === undefined) return (stats.mode & 0o200) === 0;
  if (uid === 0 || uid === stats.uid) return (stats.mode & 0o200) === 0;
  const groups = [process.getgid?.(), ...(process.getgroups?.() ?? [])];
  if (groups.includes(stats.gid)) return (stats.mode & 0o020) === 0;
  return (stats.mode & 0o002) === 0;
}

/** Why isReadOnly holds: marked read-only for everyone, or writable only by others (a 0644 file of another user is not "read-only"). */
function notWritableReason(stats: Stats): string {
  const mode = (stats.mode & 0o777).toString(8).padStart(4, '0');
  const uid = process.getuid?.();
  if ((stats.mode & 0o222) === 0 || uid === undefined || uid === 0 || uid === stats.uid) return `it is read-only (mode ${mode}); make it writable to fix it`;
  return `this user cannot write it (owner uid ${stats.uid}, group gid ${stats.gid}, mode ${mode}); run speclint as a user who can`;
}

type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

function encodingOf(bytes: Buffer): Encoding {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

/** The bytes to write for `fixed`, in the encoding the file had: UTF-8 (with its BOM if it had one) or UTF-16 with its BOM. */
function encode(fixed: string, encoding: Encoding, utf8Bom: boolean): Buffer {
  if (encoding === 'utf-8') return Buffer.from(`${utf8Bom ? '\uFEFF' : ''}${fixed}`, 'utf8');
  const le = Buffer.from(`\uFEFF${fixed}`, 'utf16le');
  return encoding === 'utf-16le' ? le : le.swap16();
}

/** Whether the file still holds what was linted: the same bytes, or for UTF-16 (whose bytes the reader does not keep) the same text. */
function unchanged(now: Buffer, bytes: Buffer | null, text: string): boolean {
  if (bytes) return now.equals(bytes);
  const encoding = encodingOf(now);
  if (encoding === 'utf-8') return false;
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(now.subarray(2)) === text;
  } catch {
    return false;
  }
}

async function overwrite(handle: FileHandle, content: Buffer): Promise<void> {
  await handle.write(content, 0, content.length, 0);
  await handle.truncate(content.length);
  await handle.sync();
}

/**
 * Writes fixed text back, safely (the README's Fixing section is the contract):
 * - the file is resolved through symbolic links, and its real path must lie inside the real working
 *   folder (so a committed link cannot make --fix write outside the repository);
 * - it must be a regular file, not read-only by its mode bits, and still hold exactly what was linted;
 * - it is rewritten in place, as git's and Prettier's writes do: the link stays a link, hard links
 *   all see the fix, and mode, owner, ACLs and extended attributes stay as they were. Before the
 *   overwrite the old bytes go to a hidden copy beside the file (synced), removed once the new text
 *   is synced: a crash mid-write leaves that copy, never a file with neither text;
 * - the encoding is kept: UTF-8 (with a byte-order mark if it had one) or UTF-16 with its mark.
 * `bytes` is what was read (null for UTF-16, which the reader decodes and does not keep).
 * Returns why it did not write, or undefined.
 */
export async function writeFix(path: string, bytes: Buffer | null, text: string, fixed: string, cwd: string): Promise<string | undefined> {
  const { lstat, open, realpath, rm, stat, writeFile } = builtinModule('node:fs/promises');
  let real: string;
  let folder: string;
  try {
    [real, folder] = await Promise.all([realpath(path), realpath(cwd)]);
  } catch (error) {
    return `it cannot be resolved (${describeError(error)})`;
  }
  if (!isInside(folder, real)) {
    const link = await lstat(path).then((s) => s.isSymbolicLink(), () => false);
    const via = link ? ` (a link to ${real})` : '';
    return `it is outside the folder speclint runs in${via}; run speclint from a folder that contains it`;
  }
  if (bytes && !Buffer.from(text, 'utf8').equals(bytes)) return 'it is not valid UTF-8, and rewriting it would change bytes speclint did not touch';
  let stats: Stats;
  try {
    stats = await stat(real);
  } catch (error) {
    return `it cannot be read again (${describeError(error)})`;
  }
  // Checked before opening: opening a FIFO or device could block, and root could open a read-only file.
  if (!stats.isFile()) return 'it is not a regular file';
  if (isReadOnly(stats)) return notWritableReason(stats);
  let handle: FileHandle;
  try {
    handle = await open(real, 'r+');
  } catch (error) {
    return `it cannot be opened for writing (${describeError(error)})`;
  }
  try {
    const opened = await handle.stat();
    if (opened.ino !== stats.ino || opened.dev !== stats.dev) return 'it changed on disk while speclint was fixing it';
    const now = await handle.readFile();
    if (!unchanged(now, bytes, text)) return 'it changed on disk while speclint was fixing it';
    const content = encode(fixed, encodingOf(now), text.startsWith('\uFEFF'));
    const backup = siblingTempPath(real, '.speclint-backup');
    try {
      await writeFile(backup, now, { flag: 'wx', mode: 0o600, flush: true });
    } catch (error) {
      return `it cannot be written safely: no backup copy can be made beside it (${describeError(error)})`;
    }
    try {
      await overwrite(handle, content);
    } catch (error) {
      return `it cannot be written (${describeError(error)}); its old text is kept in ${backup}`;
    }
    await rm(backup, { force: true });
    return undefined;
  } finally {
    await handle.close();
  }
}
