import { KeyMemo, PairMemo } from '../util/memo.js';
import { headingParts, singularKey } from '../util/text.js';

/**
 * Names a reviewer reads as the same spec section. Each class holds names of one section as
 * spec templates across projects write it (Rust, Go, Swift, Kubernetes, Python and IETF-style
 * templates): the name a template uses and the names authors write in its place. A class is about
 * the section's job, not one corpus's wording, and holds no word that names a different job in
 * another common template ("Background" stays apart from "Motivation": Go's template has both).
 * Names are normalized heading keys; a name matches a heading that contains it as a whole phrase.
 */
const SECTION_NAME_CLASSES: readonly (readonly string[])[] = [
  // Swift renamed its opening "Introduction" to "Summary of changes"; in a template without an
  // Introduction of its own, an opening Introduction is where authors summarise the spec.
  ['summary', 'abstract', 'overview', 'synopsis', 'tl;dr', 'executive summary', 'summary of changes', 'introduction'],
  ['motivation', 'why', 'problem', 'problem statement', 'status quo'],
  ['proposal', 'proposed solution', 'proposed design', 'proposed change', 'proposed plan', 'proposed approach', 'proposed definition', 'proposed specification', 'design', 'how'],
  ['rationale', 'discussion', 'alternatives', 'alternatives considered', 'alternative approaches', 'alternative designs', 'trade-offs', 'tradeoffs'],
  ['alternatives', 'alternatives considered', 'alternative approaches', 'alternative designs', 'considered alternatives', 'rejected alternatives', 'discarded approaches', 'rejected approaches', 'other options', 'options considered'],
  ['drawbacks', 'downsides', 'disadvantages'],
  // "Possible extensions": what could be built on the proposal later (not bare "Extensions": often part of the design).
  ['future work', 'future directions', 'future considerations', 'future possibilities', 'future milestones', 'future plans', 'future improvements', 'future enhancements', 'next steps', 'future extensions', 'possible extensions', 'optional extensions'],
  ['unresolved questions', 'open questions', 'open issues', 'outstanding questions', 'unresolved issues', 'unknowns'],
  ['prior art', 'related work', 'existing solutions'],
  // Swift renamed these two ("Impact on existing code", "Effect on ABI stability"); Go and others say "backwards compatibility".
  ['source compatibility', 'impact on existing code', 'effect on existing code', 'backwards compatibility', 'backward compatibility'],
  ['abi compatibility', 'abi stability', 'effect on abi stability'],
  // What adopters of a library feature face; Swift recast its "Effect on API resilience" as this.
  ['implications on adoption', 'effect on api resilience', 'api resilience', 'effect on library evolution'],
];

/** British and American spellings of words common in section names: a spelling, not a rename. */
const SPELLINGS: ReadonlyMap<string, string> = new Map(Object.entries({
  acknowledgement: 'acknowledgment',
  acknowledgements: 'acknowledgments',
  // "Alternate proposals", "Alternate designs": the American adjective for alternative.
  alternate: 'alternative',
  behaviour: 'behavior',
  behaviours: 'behaviors',
  judgement: 'judgment',
  organisation: 'organization',
  organisations: 'organizations',
}));

/** The words of a normalized heading key, one spelling and singular: "Alternatives Considered" → alternative, considered. */
export function headingWords(key: string): readonly string[] {
  return WORDS_OF.get(key);
}
// Alignment asks for the same few keys (a template's sections, a spec's headings) many times over.
const WORDS_OF = new KeyMemo((key: string): readonly string[] =>
  key
    .split(/[^\p{L}\p{N};'-]+/u)
    .filter((word) => word.length > 0)
    .map((word) => singularKey(SPELLINGS.get(word) ?? word)),
);

function wordsContain(words: readonly string[], wanted: readonly string[]): boolean {
  if (wanted.length === 0 || wanted.length > words.length) return false;
  for (let i = 0; i + wanted.length <= words.length; i++) {
    if (wanted.every((word, k) => words[i + k] === word)) return true;
  }
  return false;
}

/**
 * The readings of a heading that shares its last noun among joined qualifiers: "guide-level and
 * reference-level explanation" also reads "guide-level explanation".
 */
function ellipticalReadings(key: string): (readonly string[])[] {
  const parts = joinedTopics(key).map(headingWords);
  const last = parts.at(-1) ?? [];
  if (parts.length < 2 || last.length < 2) return [];
  const noun = last.at(-1) as string;
  return parts.slice(0, -1).filter((part) => part.length === 1).map((part) => [...part, noun]);
}

/** Whether `key` says `phrase` as whole words, in order and next to each other. */
export function containsPhrase(key: string, phrase: string): boolean {
  return CONTAINS_PHRASE.get(key, phrase);
}
const CONTAINS_PHRASE = new PairMemo((key: string, phrase: string): boolean => {
  const wanted = headingWords(phrase);
  return wordsContain(headingWords(key), wanted) || ellipticalReadings(key).some((reading) => wordsContain(reading, wanted));
});

/** Whether two keys differ only in spelling variants and plurals: "acknowledgements" and "acknowledgments". */
export function sameSectionName(a: string, b: string): boolean {
  const wa = headingWords(a);
  const wb = headingWords(b);
  return wa.length === wb.length && wa.every((word, i) => wb[i] === word);
}

/**
 * What a key shares with every key that names the same section (see sameName): the key with a
 * plural last word made singular, and its words (headingWords) joined.
 */
export interface NameSignature {
  singular: string;
  words: string;
}

/** A key's name signature, memoized: the alignment compares every template section with every heading of a spec. */
export function nameSignature(key: string): NameSignature {
  return SIGNATURE_OF.get(key);
}
// Words hold letters, digits and ;'- only, so joined with \u0001 two lists are equal exactly when the joins are.
const SIGNATURE_OF = new KeyMemo((key: string): NameSignature => ({ singular: singularKey(key), words: headingWords(key).join('\u0001') }));

/**
 * Whether two keys name the same section: the same key, or keys that differ only in a plural or a
 * spelling variant (equal keys have equal singulars; sameSectionName is equal words).
 */
export function sameName(a: NameSignature, b: NameSignature): boolean {
  return a.singular === b.singular || a.words === b.words;
}

/** Whether a heading's key names a template section (see sameName). */
export function namesSection(sectionKey: string, key: string): boolean {
  return sameName(nameSignature(sectionKey), nameSignature(key));
}

/**
 * The phrases a heading can contain to stand for a template section: its whole name and, for a
 * name that joins topics ("Rationale and Alternatives"), each topic.
 */
export function ownPhrases(key: string): string[] {
  return [...OWN_PHRASES_OF.get(key)];
}
const OWN_PHRASES_OF = new KeyMemo((key: string): readonly string[] => {
  const parts = joinedTopics(key);
  return [...new Set([key, ...(parts.length > 1 ? parts : [])])];
});

/** Most words a topic of a joined section name has: "performance, ergonomics and compatibility". */
const TOPIC_WORDS = 4;

/**
 * The topics of a heading that joins short names, or none: a question or a sentence that says
 * "or" ("How can a rollout or rollback fail?") is one heading, not a list of topics.
 */
export function joinedTopics(key: string): string[] {
  return [...TOPICS_OF.get(key)];
}
const TOPICS_OF = new KeyMemo((key: string): readonly string[] => topicsOf(key));

function topicsOf(key: string): string[] {
  if (/[?]/.test(key)) return [];
  const parts = headingParts(key);
  return parts.length > 1 && parts.every((part) => headingWords(part).length <= TOPIC_WORDS) ? parts : [];
}

/** Other names of a template section, from the classes its name or one of its topics belongs to. */
export function synonymPhrases(key: string): string[] {
  return [...SYNONYMS_OF.get(key)];
}
const SYNONYMS_OF = new KeyMemo((key: string): readonly string[] => synonymsOf(key));

function synonymsOf(key: string): string[] {
  const own = ownPhrases(key);
  const found = new Set<string>();
  for (const names of SECTION_NAME_CLASSES) {
    if (!names.some((name) => own.some((phrase) => sameSectionName(phrase, name)))) continue;
    for (const name of names) if (!own.some((phrase) => sameSectionName(phrase, name))) found.add(name);
  }
  return [...found];
}
