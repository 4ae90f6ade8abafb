import { describe, expect, it } from 'vitest';
import { containsPhrase, namesSection, ownPhrases, sameSectionName, synonymPhrases } from '../src/template/section-names.js';
import { singularKey } from '../src/util/text.js';

describe('section names', () => {
  it('finds a section name as a whole phrase, in any spelling and number', () => {
    expect(containsPhrase('alternatives considered', 'alternatives')).toBe(true);
    expect(containsPhrase('background and motivation', 'motivation')).toBe(true);
    expect(containsPhrase('source compatibility and effect on abi stability', 'source compatibility')).toBe(true);
    expect(containsPhrase('acknowledgements', 'acknowledgments')).toBe(true);
    expect(containsPhrase('alternative considered', 'alternatives')).toBe(true);
    // Not inside a word, and not words apart.
    expect(containsPhrase('irrationale', 'rationale')).toBe(false);
    expect(containsPhrase('compatibility of source', 'source compatibility')).toBe(false);
  });

  it('reads a shared last noun of joined qualifiers', () => {
    expect(containsPhrase('guide-level and reference-level explanation', 'guide-level explanation')).toBe(true);
    expect(containsPhrase('guide-level and reference-level explanation', 'reference-level explanation')).toBe(true);
    expect(containsPhrase('source and binary compatibility', 'source compatibility')).toBe(true);
  });

  it('treats spelling variants, not renames, as the same name', () => {
    expect(sameSectionName('acknowledgements', 'acknowledgments')).toBe(true);
    expect(sameSectionName('behaviour changes', 'behavior change')).toBe(true);
    expect(sameSectionName('non goals', 'non-goals')).toBe(false);
    // Object prototype keys are words like any other.
    expect(sameSectionName('constructor', 'constructor')).toBe(true);
  });

  it('gives a joined name its topics', () => {
    expect(ownPhrases('rationale and alternatives')).toEqual(['rationale and alternatives', 'rationale', 'alternative']);
    expect(ownPhrases('summary')).toEqual(['summary']);
  });

  it('gives synonyms from the classes of the name or its topics, never the name itself', () => {
    expect(synonymPhrases('summary')).toContain('abstract');
    expect(synonymPhrases('proposal')).toEqual(expect.arrayContaining(['proposed solution', 'design', 'proposed plan']));
    expect(synonymPhrases('rationale')).toEqual(expect.arrayContaining(['discussion', 'alternatives considered']));
    expect(synonymPhrases('why')).toContain('status quo');
    expect(synonymPhrases('alternatives')).toContain('discarded approaches');
    expect(synonymPhrases('non-goals/future work')).toContain('future directions');
    expect(synonymPhrases('unresolved questions')).toContain('unknowns');
    expect(synonymPhrases('summary')).not.toContain('summary');
    expect(synonymPhrases('security considerations')).toEqual([]);
  });

  it('reads a heading as a section by name signature exactly when key, singular or words agree', () => {
    const keys = ['alternatives', 'alternative', 'acknowledgements', 'acknowledgments', 'non-goals', 'non-goal', 'non goals', 'behaviour', 'behavior changes', 'behaviour change', 'status', 'statu', 'open questions', 'open question?', '', 'a/b', 'a b', "user's guide", 'users guide'];
    for (const a of keys) {
      for (const b of keys) expect(namesSection(a, b), `${a} / ${b}`).toBe(a === b || singularKey(a) === singularKey(b) || sameSectionName(a, b));
    }
  });
});
