import { type Stats, chownSync, closeSync, fchmodSync, fsyncSync, lstatSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { builtinModule } from './builtin-module.js';

/** Longest file name most file systems take (NAME_MAX), in bytes. */
const NAME_MAX = 255;

/**
 * A name for a temporary file beside `path`: hidden, unique, and never longer than NAME_MAX however
 * long the original name is (the original name is cut, on a character boundary, to leave room).
 */
export function siblingTempPath(path: string, suffix: string): string {
  const tail = `.${builtinModule('node:crypto').randomBytes(6).toString('hex')}${suffix}`;
  let stem = basename(path);
  while (Buffer.byteLength(`.${stem}${tail}`) > NAME_MAX) stem = [...stem].slice(0, -1).join('');
  return join(dirname(path), `.${stem}${tail}`);
}

/** The descriptor a path names when it is one of this process's own streams (/dev/stdout, /dev/fd/2, /proc/self/fd/1). */
function ownStreamFd(path: string): number | undefined {
  if (path === '/dev/stdout') return 1;
  if (path === '/dev/stderr') return 2;
  const m = /^\/(?:dev\/fd|proc\/self\/fd)\/(\d+)$/.exec(path);
  return m ? Number(m[1]) : undefined;
}

function writeAllToFd(fd: number, content: Buffer): void {
  let written = 0;
  while (written < content.length) {
    try {
      written += writeSync(fd, content, written);
    } catch (error) {
      // A non-blocking pipe that is full: wait a moment for the reader.
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Writes an output file (a report, the cache, a baseline, a new spec or config). A new file or a
 * plain one is written atomically: a temporary file in the same folder, then a rename, so a reader
 * never sees half a file and a failed write leaves the old content; the old file's mode is kept, and
 * its owner when running as root. Anything a rename would replace by a plain file is written in place
 * instead: a symbolic link (its target is written, the link stays), a device or FIFO (`-o /dev/null`,
 * a named pipe), a file with other hard links (they all see the new text). This process's own streams
 * (`/dev/stdout`, `/dev/fd/N`) are written through their descriptor, which works as any user.
 */
export function writeFileAtomic(path: string, content: string | Buffer): void {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const fd = ownStreamFd(path);
  if (fd !== undefined) {
    writeAllToFd(fd, bytes);
    return;
  }
  const existing = lstatOrUndefined(path);
  if (existing && (existing.isSymbolicLink() || !existing.isFile() || existing.nlink > 1)) {
    writeFileSync(path, bytes);
    return;
  }
  const temp = siblingTempPath(path, '.tmp');
  try {
    const handle = openSync(temp, 'wx', 0o666);
    try {
      // Exactly the old mode, whatever the umask.
      if (existing) fchmodSync(handle, existing.mode & 0o777);
      writeAllToFd(handle, bytes);
      fsyncSync(handle);
    } finally {
      closeSync(handle);
    }
    if (existing && process.getuid?.() === 0 && (existing.uid !== 0 || existing.gid !== 0)) chownSync(temp, existing.uid, existing.gid);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
