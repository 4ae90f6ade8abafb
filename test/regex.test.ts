import { describe, expect, it } from 'vitest';
import { allMatches } from '../src/util/regex.js';

const asMatchAll = (pattern: RegExp, text: string) => [...text.matchAll(pattern)].map((m) => ({ index: m.index, groups: [...m] }));
const asAllMatches = (pattern: RegExp, text: string) => allMatches(pattern, text).map((m) => ({ index: m.index, groups: [...m] }));

describe('allMatches', () => {
  const cases: [RegExp, string][] = [
    [/\[([^\]]*)\]/g, 'a [b] c [d e] [] f'],
    [/\b(?:TBD|TODO)\b/g, 'TBD and TODO, not TBDs'],
    [/x*/g, 'axxbx'],
    [/(?:)/gu, 'a😀b'],
    [/\p{L}+/gu, 'été 😀 naïve'],
    [/z/g, 'no match here'],
  ];
  it.each(cases)('gives what matchAll gives for %s', (pattern, text) => {
    expect(asAllMatches(pattern, text)).toEqual(asMatchAll(pattern, text));
    expect(pattern.lastIndex).toBe(0);
  });

  it('refuses a pattern without the global flag, as matchAll does', () => {
    expect(() => allMatches(/a/, 'a')).toThrow(TypeError);
  });
});
