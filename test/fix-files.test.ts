// --fix and every output write against the file system, end to end through the built CLI in a
// subprocess: links, hard links, modes, owners, extended attributes, encodings, odd names, devices.
import { type ChildProcess, execFile, execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, read } from './helpers.js';

const BIN = join(ROOT, 'dist', 'bundle', 'speclint.js');
const tmp = mkdtempSync(join(tmpdir(), 'speclint-fixfs-'));
chmodSync(tmp, 0o755);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const isRoot = process.getuid?.() === 0;
const hasSetpriv = spawnSync('setpriv', ['--version']).status === 0;
const hasPythonXattr = spawnSync('python3', ['-c', 'import os; os.setxattr']).status === 0;
const canMkfifo = spawnSync('mkfifo', ['--version']).status === 0;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function speclint(args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: { PATH: process.env.PATH ?? '' } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 99) : 0, stdout, stderr });
    });
  });
}

let folders = 0;
/** A fresh repository folder inside the test's temporary folder. */
function repo(): string {
  const dir = join(tmp, `r${folders++}`);
  mkdirSync(join(dir, '.git'), { recursive: true });
  chmodSync(dir, 0o755);
  return dir;
}

/** A spec with one fixable problem: a level-3 heading that should be level 2. */
const BROKEN = read('fixtures/section-level/invalid/demoted-section.md');
const FIXED = read('fixtures/section-level/invalid/demoted-section.fixed.md');

describe('--fix on a spec with an unclosed code fence', () => {
  it('leaves the file alone on every run, says why, and reports the fence rather than missing sections', async () => {
    const dir = repo();
    const text = read('fixtures/code-fence-unclosed/invalid/fence-swallows-sections.md').replace(/^- \*\*Author\*\*:.*\n/m, '');
    writeFileSync(join(dir, 'spec.md'), text);
    for (let run = 0; run < 3; run++) {
      const result = await speclint(['--fix', '-f', 'compact', 'spec.md'], dir);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        "speclint: warning: not fixing \"spec.md\": the code fence '```' opened at line 81 is never closed, so the rest of the file reads as code; close it and run --fix again\n",
      );
      expect(result.stdout).toContain('[code-fence-unclosed]');
      expect(result.stdout).not.toContain('section-required');
      expect(readFileSync(join(dir, 'spec.md'), 'utf8')).toBe(text);
    }
  });
});

describe('--fix on line ends and encodings', () => {
  it('a clean spec with lone-CR line ends is clean; a missing Date is added once, with CR ends', async () => {
    const dir = repo();
    const clean = read('examples/feature-saved-searches.md').replace(/\n/g, '\r');
    writeFileSync(join(dir, 'clean.md'), clean);
    expect(await speclint(['clean.md'], dir)).toMatchObject({ code: 0, stderr: '' });
    const noDate = clean.replace(/\*\*Date\*\*:[^\r]*\r/, '');
    writeFileSync(join(dir, 'nodate.md'), noDate);
    for (let run = 0; run < 2; run++) await speclint(['--fix', 'nodate.md'], dir);
    const fixed = readFileSync(join(dir, 'nodate.md'), 'utf8');
    expect(fixed.match(/\*\*Date\*\*/g)).toHaveLength(1);
    expect(fixed).not.toContain('\n');
    expect(fixed.length).toBe(noDate.length + '**Date**: YYYY-MM-DD\r'.length);
  });

  it.each([
    ['utf-16le', Buffer.from([0xff, 0xfe])],
    ['utf-16be', Buffer.from([0xfe, 0xff])],
  ])('a %s spec is fixed and written back in the same encoding, with its byte-order mark', async (encoding, bom) => {
    const dir = repo();
    const encode = (text: string) => (encoding === 'utf-16le' ? Buffer.from(text, 'utf16le') : Buffer.from(text, 'utf16le').swap16());
    writeFileSync(join(dir, 'wide.md'), Buffer.concat([bom, encode(BROKEN)]));
    const run = await speclint(['--fix', 'wide.md'], dir);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(readFileSync(join(dir, 'wide.md')).equals(Buffer.concat([bom, encode(FIXED)]))).toBe(true);
  });
});

describe('--fix and links, modes, owners', () => {
  it('through a symbolic link: the link stays a link and its target is fixed', async () => {
    const dir = repo();
    mkdirSync(join(dir, 'docs'));
    writeFileSync(join(dir, 'docs', 'target.md'), BROKEN);
    symlinkSync('docs/target.md', join(dir, 'link.md'));
    expect(await speclint(['--fix', 'link.md'], dir)).toMatchObject({ code: 0, stderr: '' });
    expect(lstatSync(join(dir, 'link.md')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'link.md'))).toBe('docs/target.md');
    expect(readFileSync(join(dir, 'docs', 'target.md'), 'utf8')).toBe(FIXED);
  });

  it('a link to a file outside the folder is refused, saying what to do; the outside file is untouched', async () => {
    const dir = repo();
    const outside = join(tmp, `outside-${folders}.md`);
    writeFileSync(outside, BROKEN);
    symlinkSync(outside, join(dir, 'escape.md'));
    const run = await speclint(['--fix', 'escape.md'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`speclint: not fixing "escape.md": it is outside the folder speclint runs in (a link to ${outside}); run speclint from a folder that contains it\n`);
    expect(readFileSync(outside, 'utf8')).toBe(BROKEN);
    expect(lstatSync(join(dir, 'escape.md')).isSymbolicLink()).toBe(true);
  });

  it('hard links: every name sees the fix (the file is written in place, same inode)', async () => {
    const dir = repo();
    writeFileSync(join(dir, 'one.md'), BROKEN);
    linkSync(join(dir, 'one.md'), join(dir, 'two.md'));
    const inode = statSync(join(dir, 'one.md')).ino;
    expect(await speclint(['--fix', 'one.md'], dir)).toMatchObject({ code: 0, stderr: '' });
    expect(readFileSync(join(dir, 'two.md'), 'utf8')).toBe(FIXED);
    expect(statSync(join(dir, 'one.md')).ino).toBe(inode);
  });

  it('a read-only file (by its mode bits, even as root) is refused; the other files are still fixed; exit 2', async () => {
    const dir = repo();
    writeFileSync(join(dir, 'locked.md'), BROKEN);
    chmodSync(join(dir, 'locked.md'), 0o444);
    writeFileSync(join(dir, 'open.md'), BROKEN);
    const run = await speclint(['--fix', '-f', 'compact', 'locked.md', 'open.md'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('speclint: not fixing "locked.md": it is read-only (mode 0444); make it writable to fix it\n');
    expect(readFileSync(join(dir, 'locked.md'), 'utf8')).toBe(BROKEN);
    expect(statSync(join(dir, 'locked.md')).mode & 0o777).toBe(0o444);
    expect(readFileSync(join(dir, 'open.md'), 'utf8')).toBe(FIXED);
    // The file that was not fixed is reported as it is, not as it would have been.
    expect(run.stdout).toContain('locked.md:103:1: error: Section');
  });

  it.runIf(isRoot && hasSetpriv)("another user's 0644 file in a folder this user may write: refused as not writable by this user (not 'read-only'), never renamed over", () => {
    const dir = repo();
    writeFileSync(join(dir, 'theirs.md'), BROKEN);
    chmodSync(join(dir, 'theirs.md'), 0o644);
    chownSync(dir, 65534, 65534);
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} --fix -f compact theirs.md`;
    const run = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'sh', '-c', command], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('speclint: not fixing "theirs.md": this user cannot write it (owner uid 0, group gid 0, mode 0644); run speclint as a user who can\n');
    expect(readFileSync(join(dir, 'theirs.md'), 'utf8')).toBe(BROKEN);
    expect(statSync(join(dir, 'theirs.md')).uid).toBe(0);
  });

  it.runIf(isRoot && hasPythonXattr)('as root: the owner, group, mode and extended attributes stay', async () => {
    const dir = repo();
    const path = join(dir, 'owned.md');
    writeFileSync(path, BROKEN);
    chmodSync(path, 0o664);
    chownSync(path, 65534, 65534);
    execFileSync('python3', ['-c', `import os; os.setxattr(${JSON.stringify(path)}, 'user.reviewed', b'yes')`]);
    expect(await speclint(['--fix', 'owned.md'], dir)).toMatchObject({ code: 0, stderr: '' });
    const stats = statSync(path);
    expect([stats.uid, stats.gid, stats.mode & 0o777]).toEqual([65534, 65534, 0o664]);
    expect(execFileSync('python3', ['-c', `import os, sys; sys.stdout.write(os.getxattr(${JSON.stringify(path)}, 'user.reviewed').decode())`], { encoding: 'utf8' })).toBe('yes');
    expect(readFileSync(path, 'utf8')).toBe(FIXED);
  });

  it('leaves no backup or temporary file behind', async () => {
    const dir = repo();
    writeFileSync(join(dir, 'clean-up.md'), BROKEN);
    await speclint(['--fix', 'clean-up.md'], dir);
    expect(readdirSync(dir).sort()).toEqual(['.git', 'clean-up.md']);
  });
});

describe('--fix and names', () => {
  it("'..notes.md' is inside the folder and is fixed", async () => {
    const dir = repo();
    writeFileSync(join(dir, '..notes.md'), BROKEN);
    expect(await speclint(['--fix', '..notes.md'], dir)).toMatchObject({ code: 0, stderr: '' });
    expect(readFileSync(join(dir, '..notes.md'), 'utf8')).toBe(FIXED);
  });

  it('a 250-byte file name is fixed (temporary names stay within NAME_MAX)', async () => {
    const dir = repo();
    const name = `${'é'.repeat(61)}${'a'.repeat(125)}.md`;
    expect(Buffer.byteLength(name)).toBe(250);
    writeFileSync(join(dir, name), BROKEN);
    expect(await speclint(['--fix', name], dir)).toMatchObject({ code: 0, stderr: '' });
    expect(readFileSync(join(dir, name), 'utf8')).toBe(FIXED);
  });

  it('a file outside the folder, named on the command line, is refused with what to do', async () => {
    const dir = repo();
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'up.md'), BROKEN);
    const run = await speclint(['--fix', '../up.md'], join(dir, 'sub'));
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('speclint: not fixing "../up.md": it is outside the folder speclint runs in; run speclint from a folder that contains it\n');
    expect(readFileSync(join(dir, 'up.md'), 'utf8')).toBe(BROKEN);
  });
});

describe('-o and --cache-location never replace what they point at', () => {
  it('-o through a symbolic link writes the target and keeps the link', async () => {
    const dir = repo();
    writeFileSync(join(dir, 'spec.md'), BROKEN);
    mkdirSync(join(dir, 'reports'));
    writeFileSync(join(dir, 'reports', 'real.json'), '');
    symlinkSync('reports/real.json', join(dir, 'report.json'));
    expect((await speclint(['-f', 'json', '-o', 'report.json', 'spec.md'], dir)).code).toBe(1);
    expect(lstatSync(join(dir, 'report.json')).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'reports', 'real.json'), 'utf8')).files[0].path).toBe('spec.md');
  });

  it.runIf(canMkfifo)('-o to a FIFO writes into it (a reader gets the report) and the FIFO stays', async () => {
    const dir = repo();
    writeFileSync(join(dir, 'spec.md'), BROKEN);
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    let cat: ChildProcess | undefined;
    const reader = new Promise<string>((resolve) => {
      cat = execFile('cat', [join(dir, 'pipe')], (_error, stdout) => resolve(stdout));
    });
    try {
      const run = await speclint(['-f', 'compact', '-o', 'pipe', 'spec.md'], dir);
      expect(run.code).toBe(1);
      const timeout = new Promise<string>((resolve) => setTimeout(() => resolve('(nothing came through the FIFO)'), 5000));
      expect(await Promise.race([reader, timeout])).toContain('spec.md:103:1: error: Section');
      expect(lstatSync(join(dir, 'pipe')).isFIFO()).toBe(true);
    } finally {
      cat?.kill(); // never leave a reader blocked on the FIFO
    }
  });

  it('-o /dev/null leaves the device a device', async () => {
    const dir = repo();
    writeFileSync(join(dir, 'spec.md'), BROKEN);
    expect((await speclint(['-o', '/dev/null', 'spec.md'], dir)).code).toBe(1);
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it.runIf(isRoot && hasSetpriv)('-o /dev/stdout works as a user who cannot write /dev (nobody, through a pipe)', () => {
    const dir = repo();
    writeFileSync(join(dir, 'spec.md'), BROKEN);
    chmodSync(join(dir, 'spec.md'), 0o644);
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} -f compact -o /dev/stdout spec.md | cat`;
    const run = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'sh', '-c', command], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('spec.md:103:1: error: Section');
  });

  it('--cache-location through a symbolic link writes the target and keeps the link', async () => {
    const dir = repo();
    writeFileSync(join(dir, 'spec.md'), BROKEN);
    symlinkSync('cache-target.json', join(dir, 'cache-link.json'));
    expect((await speclint(['--cache', '--cache-location', 'cache-link.json', 'spec.md'], dir)).code).toBe(1);
    expect(lstatSync(join(dir, 'cache-link.json')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'cache-target.json'), 'utf8')).toContain('"entries"');
  });
});
