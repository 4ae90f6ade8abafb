import { sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toPosix } from '../src/util/posix-path.js';

describe('toPosix', () => {
  it("joins a path's parts with '/', replacing only the platform's separator", () => {
    expect(toPosix(['docs', 'adr', '0001.md'].join(sep))).toBe('docs/adr/0001.md');
  });
  it.skipIf(sep !== '/')('keeps a backslash on POSIX, where it is part of a name or a glob escape', () => {
    expect(toPosix('notes\\draft.md')).toBe('notes\\draft.md');
    expect(toPosix('docs/\\*.md')).toBe('docs/\\*.md');
  });
});

describe.skipIf(sep !== '/')('globs on POSIX', () => {
  it("read '\\' as an escape, so a file named with glob characters can be matched", async () => {
    const { mkdtempSync, mkdirSync, rmSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { expandPaths } = await import('../src/input/files.js');
    const dir = mkdtempSync(join(tmpdir(), 'speclint-glob-escape-'));
    try {
      mkdirSync(join(dir, 'docs'));
      for (const name of ['[wip]-a.md', 'wip-b.md', 'notes.md']) writeFileSync(join(dir, 'docs', name), '# T\n');
      const escaped = await expandPaths(['docs/\\[wip\\]*.md'], dir);
      expect(escaped.files.map((file) => file.displayPath)).toEqual(['docs/[wip]-a.md']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
