import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mayBeAmong, normalizeSentence, normalizedFirstWord } from '../src/content/sentences.js';
import { ROOT, markdownUnder } from './helpers.js';

/** Sentences that stress the ends normalizing cuts: markers, punctuation runs, odd whitespace, one word. */
const TRICKY = ['', ' ', ': :', '::a::', '- .', '. . .', 'foo. ...', 'foo ...', 'a', 'x.', ' :: ', '- [ ] Task', '* • Item', '\u00a0Describe\u2028the  change.\n', '\uFEFFA b.', 'ΟΔΟΣ ΑΣ.', 'ΑΣ\uFEFFΒ rest', 'ΑΣ\u00adΒ rest', 'İstanbul is big!?', '**Bold** rest;,'];

describe('normalizeSentence', () => {
  it('lower-cases, collapses whitespace and cuts leading markers and trailing punctuation', () => {
    expect(normalizeSentence('  - Describe   the\nchange here.  ')).toBe('describe the change here');
    expect(normalizeSentence('* • : Item?!')).toBe('item');
    expect(normalizeSentence('foo. ...')).toBe('foo');
    expect(normalizeSentence('::a::')).toBe('a');
    expect(normalizeSentence('. . .')).toBe('');
    expect(normalizeSentence('e.g. this,')).toBe('e.g. this');
  });
});

describe('normalizedFirstWord', () => {
  it('is the first word of the normalized sentence, for tricky sentences and every line of the fixtures and templates', () => {
    const lines = ['fixtures', 'templates', 'examples'].flatMap((dir) => markdownUnder(join(ROOT, dir))).flatMap((file) => readFileSync(file, 'utf8').split(/(?<=[.!?])\s+|\n/));
    expect(lines.length).toBeGreaterThan(2000);
    for (const text of [...TRICKY, ...lines]) expect(normalizedFirstWord(text), JSON.stringify(text)).toBe(normalizeSentence(text).split(' ', 1)[0]);
  });
});

describe('mayBeAmong', () => {
  it('rules out a sentence whose first word no sentence of the set has, and keeps one that may match', () => {
    const guidance = new Set(['describe the change here', 'list the risks']);
    expect(mayBeAmong(guidance, '- Describe   the change here.')).toBe(true);
    expect(mayBeAmong(guidance, 'Describe something else entirely.')).toBe(true);
    expect(mayBeAmong(guidance, 'We change the cache.')).toBe(false);
    expect(mayBeAmong(new Set(), 'Describe the change here.')).toBe(false);
  });
});
