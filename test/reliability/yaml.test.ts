import { describe, expect, it } from 'vitest';
import { lintSource } from '../../src/engine/lint-source.js';

const body = '\n# Technical Specification: X\n\n## Overview\n\nText.\n';
const problems = (frontMatter: string) =>
  lintSource(`---\n${frontMatter}\n---${body}`).diagnostics.filter((d) => d.ruleId === 'front-matter').map((d) => `${d.severity}: ${d.message}`);

describe('hostile YAML front matter', () => {
  it('does not expand an alias bomb', () => {
    const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]', ...'bcdefghi'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`), 'status: Draft'].join('\n');
    // Expanded, this is 9^9 strings; the test's timeout is the hang guard.
    const result = lintSource(`---\n${bomb}\n---${body}`);
    expect(result.document.metadata.get('status')?.value).toBe('Draft');
  });

  it('reads 5,000 duplicate keys (just under the front-matter size limit) in linear time (no duplicate-key check)', () => {
    const keys = Array.from({ length: 5_000 }, (_, k) => `key${k % 100}: ${k}`).join('\n');
    // A quadratic duplicate check would take minutes here; the test's timeout is the hang guard.
    expect(problems(keys)).toEqual([]);
  });

  it('refuses deep nesting and huge front matter before parsing', () => {
    expect(problems(`a: ${'['.repeat(100_000)}${']'.repeat(100_000)}`)).toEqual(['error: Front matter is 200003 bytes; the limit is 65536, so it was not read']);
    expect(problems(`a: ${'['.repeat(40)}${']'.repeat(40)}`)).toEqual(['error: Front matter is nested 40 levels deep; the limit is 32, so it was not read']);
  });

  it('reports a list or a scalar instead of key: value pairs', () => {
    expect(problems('- a\n- b')).toEqual(["error: Front matter must be 'key: value' pairs, not a list"]);
    expect(problems('just text')).toEqual(["error: Front matter must be 'key: value' pairs, not a single value"]);
  });

  it('keeps values as written where a string is expected', () => {
    const doc = lintSource(`---\nversion: 1.10\ncreated: 2026-01-02\n---${body}`).document;
    expect(doc.metadata.get('version')?.value).toBe('1.10');
    expect(doc.metadata.get('created')?.value).toBe('2026-01-02');
  });
});
