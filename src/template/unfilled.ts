import { toString } from 'mdast-util-to-string';
import type { Section } from '../document/index.js';
import { commentText, normalizeProse } from './optional-prose.js';
import type { SectionSpec } from './schema.js';

/**
 * A statement that a section is to be written later, at a stage the template names: "This section
 * must be completed when targeting beta to a release", "Not required until targeted at a release".
 */
const DEFERRAL = [
  /\b(?:must|should|will|needs? to|has to) be (?:completed|filled(?: in| out)?|written|answered|provided)\b[^.]*?\b(?:when|once|before|prior to|until)\b/,
  /\bnot required (?:until|unless|before|prior to)\b/,
];

/** The whole of what a section says when its author declares it does not apply. */
const NOT_APPLICABLE = /^(?:n\/?a|not applicable|none|does not apply|not relevant)(?:\s*(?:[:(\u2014\u2013-]|for this|to this|here)[^.]*)?$/;

/** The section's own sentences, without comments and decoration. */
function ownSentences(section: Section): string[] {
  const text = section.ownNodes
    .filter((node) => commentText(node) === null && node.type !== 'thematicBreak')
    .map((node) => toString(node, { includeHtml: false }))
    .join(' ');
  return normalizeProse(text)
    .split(/(?<=[.!?])\s+/)
    .map((sentence) => sentence.replace(/[.!?]+$/, '').trim())
    .filter((sentence) => sentence.length > 0);
}

const isDeferral = (text: string): boolean => DEFERRAL.some((re) => re.test(text));

/**
 * Whether a section the spec has is left unwritten in a way the template allows, so that the
 * subsections the template requires under it are not asked for (yet):
 * - an optional section kept as a bare heading (comments only) or declared not applicable
 *   ("Not applicable.", "N/A"): the template lets the spec leave it out, and this is leaving it out;
 * - a section whose template text puts off writing it to a later stage ("This section must be
 *   completed when targeting beta to a release"), kept with that statement and nothing of the
 *   author's own (only sentences of the template's text): the spec says it is not at that stage.
 * A section with subsections of its own, or with any text of its author's ("TBD" included), is written.
 */
export function subsectionsNotDue(spec: SectionSpec, section: Section): boolean {
  if (section.children.length > 0) return false;
  const sentences = ownSentences(section);
  if (!spec.required) {
    if (sentences.length === 0) return true;
    if (sentences.length === 1 && NOT_APPLICABLE.test(sentences[0] ?? '')) return true;
  }
  const guidance = normalizeProse(spec.guidance.replace(/<!--|-->/g, ' '));
  if (!isDeferral(guidance)) return false;
  return sentences.some(isDeferral) && sentences.every((sentence) => isDeferral(sentence) || guidance.includes(sentence));
}
