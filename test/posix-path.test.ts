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
