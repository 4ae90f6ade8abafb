/**
 * The CLI's standard output and error. Text is written to the file descriptor itself (fs.writeSync)
 * rather than through process.stdout and process.stderr: the first touch of either makes Node load its
 * streams, and for a pipe its networking (net, stream and ~25 more modules), ~5–10 ms of a one-file
 * run here (bench/README.md). Where a direct write cannot be made (a descriptor the parent left
 * non-blocking and full, or any other error), that text and all after it, on stdout and stderr alike,
 * go through the streams as before, so that what was queued is not overtaken; on Windows every write
 * goes through them (its console takes text only so).
 */
import { fstatSync, statSync, writeSync } from 'node:fs';
import { endOnBrokenPipe, quietOnBrokenPipe } from '../util/broken-pipe.js';
import { builtinModule } from '../util/builtin-module.js';

export interface StdioOutput {
  write(text: string): void;
  /** Calls `done` once everything written so far has been handed to the system. */
  flush(done: () => void): void;
  /** Whether it is a terminal (decided once, on first ask). */
  isTTY(): boolean;
}

/** Whether the outputs made with it write through the streams from now on (see stdioOutput). */
export interface StdioMode {
  viaStream: boolean;
}

/** The mode to share between a process's stdout and stderr: direct writes, except on Windows. */
export function stdioMode(): StdioMode {
  return { viaStream: process.platform === 'win32' };
}

/**
 * `fd` 1 or 2, with `stream` giving process.stdout or process.stderr, read only when needed. A reader
 * that has gone away (EPIPE) ends the process quietly, on either path (src/util/broken-pipe.ts).
 * Outputs that share a mode fall back to their streams together: stdout and stderr may be one pipe (`2>&1`).
 */
export function stdioOutput(fd: 1 | 2, stream: () => NodeJS.WriteStream, mode: StdioMode = stdioMode()): StdioOutput {
  let terminal: boolean | undefined;
  const out = (): NodeJS.WriteStream => quietOnBrokenPipe(stream());
  const streamWrite = (chunk: string | Buffer): void => {
    mode.viaStream = true;
    out().write(chunk);
  };
  return {
    write(text) {
      if (mode.viaStream) return streamWrite(text);
      const bytes = Buffer.from(text, 'utf8');
      let offset = 0;
      while (offset < bytes.length) {
        try {
          offset += writeSync(fd, bytes, offset);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'EPIPE') endOnBrokenPipe();
          // EAGAIN (non-blocking), or anything else: the stream takes it from here, and reports what it cannot.
          return streamWrite(bytes.subarray(offset));
        }
      }
    },
    flush(done) {
      const target = mode.viaStream ? out() : undefined;
      if (!target || target.destroyed || !target.writable) setImmediate(done);
      else target.write('', () => done());
    },
    isTTY() {
      terminal ??= process.platform === 'win32' ? stream().isTTY === true : isTerminal(fd);
      return terminal;
    },
  };
}

/**
 * isatty without node:tty where the answer is plain: node:tty loads Node's networking too. A terminal
 * is a character device, and the commonest other one, /dev/null (where benchmarks send output), is
 * told apart by its device number; any other character device is asked of node:tty.
 */
function isTerminal(fd: number): boolean {
  let rdev: number;
  try {
    const stats = fstatSync(fd);
    if (!stats.isCharacterDevice()) return false;
    rdev = stats.rdev;
  } catch {
    // Closed: not a terminal.
    return false;
  }
  try {
    if (rdev === statSync('/dev/null').rdev) return false;
  } catch {
    // No /dev/null here: node:tty says.
  }
  return builtinModule('node:tty').isatty(fd);
}
