import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { USER_CACHE_BUDGET_BYTES, pruneUserCache, readUserCacheFile, userCacheWritable, writeUserCacheFile } from '../src/util/user-cache.js';

describe("the per-user start-up cache's folder", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'speclint-user-cache-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A file of `kb` KiB written `hoursAgo` hours ago. */
  const file = (name: string, kb: number, hoursAgo: number): string => {
    const path = join(dir, name);
    writeFileSync(path, Buffer.alloc(kb * 1024));
    const when = (Date.now() - hoursAgo * 3_600_000) / 1000;
    utimesSync(path, when, when);
    return path;
  };
  const code = (n: number) => `${n.toString(16).padStart(20, '0')}.bin`;

  it('keeps what fits the budget, written most recently first, and never the file just written', () => {
    for (let n = 1; n <= 6; n++) file(code(n), 100, n);
    file(`template-${'a'.repeat(24)}.json`, 100, 0.5);
    const kept = file(code(99), 100, 100);
    // The file just written counts first: it, the template, code 1 and code 2 fill 400 of the 450 KiB.
    pruneUserCache(dir, kept, 450 * 1024);
    expect(readdirSync(dir).sort()).toEqual([code(1), code(2), code(99), `template-${'a'.repeat(24)}.json`].sort());
  });

  it('removes temporary files left by a run that died, and nothing that is not its own', () => {
    const fresh = file(`${code(1)}.123.tmp`, 1, 0);
    const orphan = file(`${code(2)}.456.tmp`, 1, 2);
    const others = ['notes.txt', 'ABCDEF.bin', `template-x.json`].map((name) => file(name, 500, 1000));
    file(code(3), 1, 0);
    pruneUserCache(dir, join(dir, code(3)), 100 * 1024);
    expect(existsSync(fresh)).toBe(true);
    expect(existsSync(orphan)).toBe(false);
    for (const other of others) expect(existsSync(other)).toBe(true);
  });

  it('is pruned when a file is written (64 MiB by default)', () => {
    expect(USER_CACHE_BUDGET_BYTES).toBe(64 * 1024 * 1024);
    for (let n = 1; n <= 10; n++) file(code(n), 10, n);
    writeUserCacheFile(join(dir, code(100)), 'new', 45 * 1024);
    expect(readdirSync(dir).sort()).toEqual([code(1), code(2), code(3), code(4), code(100)].sort());
  });

  it('is not written in a folder others may write in, nor through a file planted at its temporary name', () => {
    chmodSync(dir, 0o777);
    const target = join(dir, code(1));
    writeUserCacheFile(target, 'data');
    expect(existsSync(target)).toBe(false);
    expect(userCacheWritable(target)).toBe(false);

    chmodSync(dir, 0o700);
    expect(userCacheWritable(target)).toBe(true);
    // A link where the temporary file goes, to a file of this user's elsewhere.
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'keep me');
    symlinkSync(victim, `${target}.${process.pid}.tmp`);
    writeUserCacheFile(target, 'data');
    expect(readFileSync(victim, 'utf8')).toBe('keep me');
    expect(existsSync(target)).toBe(false);
  });

  it('reads a file into the buffer it is given when that has room, into its own otherwise, and nothing that is not a file', () => {
    const path = file(code(1), 3, 0);
    writeFileSync(path, Buffer.alloc(3 * 1024, 'x'));
    const room = Buffer.alloc(8 * 1024, 'y');
    const read = readUserCacheFile(path, room);
    expect(read?.toString()).toBe('x'.repeat(3 * 1024));
    // The same memory: the code cache goes into the pages the bundle's read has touched (code-cache.ts).
    expect(read?.buffer).toBe(room.buffer);
    expect(room.subarray(3 * 1024).toString()).toBe('y'.repeat(5 * 1024));

    const small = Buffer.alloc(3 * 1024);
    const own = readUserCacheFile(path, small);
    expect(own?.toString()).toBe('x'.repeat(3 * 1024));
    expect(own?.buffer).not.toBe(small.buffer);
    expect(readUserCacheFile(path)?.toString()).toBe('x'.repeat(3 * 1024));

    expect(readUserCacheFile(join(dir, 'missing.bin'), room)).toBeUndefined();
    const folder = join(dir, code(2));
    mkdirSync(folder);
    expect(readUserCacheFile(folder, room)).toBeUndefined();
  });

  it.skipIf(process.platform === 'win32')('does not block on a FIFO planted at a cache file\'s name', () => {
    const fifo = join(dir, code(3));
    execFileSync('mkfifo', [fifo]);
    // Opened without O_NONBLOCK, the read would wait for a writer that never comes.
    expect(readUserCacheFile(fifo, Buffer.alloc(1024))).toBeUndefined();
  });
});
