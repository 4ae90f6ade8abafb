import type { RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Section, SpecDocument } from '../document/index.js';

/**
 * Sentences in which a template's own text marks the section it stands under as optional. Each
 * names the section (or element) itself, so prose about optional things ("optional dependencies",
 * "the motivation section can optionally provide links") is not read as a marker.
 */
const OPTIONAL_ANYWHERE = [
  // "This section is optional.", "This section is optional for non-Core EIPs."
  /\b(?:this|the) (?:section|element|part|subsection|heading) is (?:entirely |completely )?optional\b/,
  // MADR: "This is an optional element. Feel free to remove."
  /\bthis is an optional (?:section|element|part|subsection)\b/,
  // "This section may be omitted if there are none."
  /\b(?:this )?(?:section|element|part|subsection|heading) (?:may|can|could) be (?:omitted|removed|deleted|left out|skipped)\b/,
  // "Remove this section if …", "Delete this section when …", "THIS SECTION SHOULD BE REMOVED BEFORE RATIFICATION"
  /\b(?:remove|delete|omit|drop) this (?:section|element|part|subsection|heading)\b/,
  /\bthis (?:section|element|part|subsection) (?:should|must|can|may) be (?:removed|deleted|omitted)\b/,
  // "Section not required until targeted at a release."
  /\b(?:this )?section (?:is )?not required\b/,
];

/** Opening words of the section's first paragraph or comment that make the whole section conditional. */
const OPTIONAL_OPENING = /^(?:\(?optional\)?\s*[:.)\u2013\u2014-]|\(optional\)|if (?:applicable|relevant|any|needed|necessary|appropriate|not clear)\b|where applicable\b|when applicable\b)/;

/**
 * Openings that make the whole section conditional on something speclint cannot see:
 * "**Note:** *Not required until targeted at a release.*" (the section is not required yet), and an
 * instruction that applies only if something happened: "If significant changes … were incorporated …,
 * take a moment here to thank them." A conditional question ("If the proposal alters interfaces,
 * which usage patterns …?") still asks every spec to answer it, so does an instruction for the empty
 * case ("If there are no concerns, leave it in with text like 'none'"), and "must be completed when
 * targeting a release" is a requirement (for the stage that specs are written for), not an option.
 */
const CONDITIONAL_OPENING = [
  /^(?:note\s*:\s*)?not required (?:until|unless|before|prior to)\b/,
  /^if\b(?! there (?:is|are) (?:no|nothing)\b)[^.?!]*?, (?!(?:which|what|how|why|when|where|who|whether|does|do|did|is|are|was|were|will|would|can|could|should|has|have)\b)(?![^.?!]*\b(?:leave (?:it|this section) in|keep (?:it|this section))\b)[a-z][^.?!]*[.!](?:\s|$)/,
];

/** The section says outright that it must be there: that wins over any conditional wording. */
const REQUIRED_SAYING = /\b(?:this|the) section is (?:required|mandatory)\b/;

/** A comment that marks the element below it: "<!-- optional -->", "<!-- (optional) -->". */
const OPTIONAL_COMMENT = /\(optional\)|^\s*optional\s*$/;

/** The text inside an HTML comment node, or null for any other node. */
export function commentText(node: RootContent): string | null {
  if (node.type !== 'html') return null;
  const m = /^\s*<!--([\s\S]*?)-->\s*$/.exec(node.value);
  return m ? (m[1] ?? '') : null;
}

function plainText(node: RootContent): string {
  const comment = commentText(node);
  if (comment !== null) return comment;
  // `{{This section is optional …}}`, `_Optional:_ …`: brackets and emphasis are only decoration here.
  return toString(node, { includeHtml: false });
}

/** Prose compared as words: lower case, Markdown decoration and brackets dropped, spaces collapsed. */
export function normalizeProse(text: string): string {
  return text
    .toLowerCase()
    .replace(/[{}[\]*_`]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The node right before the heading, when it is a comment written on the line just above it. */
function commentAbove(section: Section, doc: SpecDocument): string | null {
  const heading = section.heading;
  const headingLine = heading?.position?.start.line;
  if (!heading || headingLine === undefined) return null;
  const index = doc.tree.children.indexOf(heading);
  const before = index > 0 ? doc.tree.children[index - 1] : undefined;
  if (!before?.position || before.position.end.line !== headingLine - 1) return null;
  const text = commentText(before);
  if (text === null) return null;
  // A comment that directly follows the previous heading belongs to that heading.
  const previous = doc.tree.children[index - 2];
  if (previous?.type === 'heading' && previous.position && previous.position.end.line === before.position.start.line - 1) return null;
  return text;
}

/** The section's own intro (before its first subsection), without a comment that belongs to the next heading. */
function introNodes(section: Section, doc: SpecDocument, next: Section | undefined): RootContent[] {
  const nodes = section.ownNodes.filter((node) => node.type !== 'thematicBreak');
  const last = nodes[nodes.length - 1];
  if (last && next && nodes.length > 1 && commentAbove(next, doc) !== null && next.heading && doc.tree.children.indexOf(next.heading) - 1 === doc.tree.children.indexOf(last)) {
    return nodes.slice(0, -1);
  }
  return nodes;
}

/**
 * Whether the template marks this section optional in words: its intro says so ("This section is
 * optional", "may be omitted if …", "Optional: …", "If applicable, …", "Remove this section if …"),
 * or a comment under or right above its heading does ("<!-- This is an optional element -->",
 * "<!-- (optional) -->").
 */
export function isOptionalInWords(section: Section, doc: SpecDocument): boolean {
  const next = doc.sections[section.index + 1];
  const above = commentAbove(section, doc);
  if (above !== null && isOptionalComment(normalizeProse(above))) return true;
  const nodes = introNodes(section, doc, next);
  const texts = nodes.filter((node) => node.type === 'paragraph' || commentText(node) !== null).map((node) => normalizeProse(plainText(node)));
  const all = texts.join(' ');
  if (REQUIRED_SAYING.test(all)) return false;
  if (OPTIONAL_ANYWHERE.some((re) => re.test(all))) return true;
  const first = texts[0];
  if (first !== undefined && OPTIONAL_OPENING.test(first)) return true;
  return nodes.some((node) => {
    const comment = commentText(node);
    return comment !== null && isOptionalComment(normalizeProse(comment));
  });
}

function isOptionalComment(text: string): boolean {
  return OPTIONAL_COMMENT.test(text) || OPTIONAL_ANYWHERE.some((re) => re.test(text));
}

/**
 * Whether the template makes this section conditional in words (see CONDITIONAL_OPENING): the first
 * paragraph or comment of its intro opens with the condition.
 */
export function isConditionalInWords(section: Section, doc: SpecDocument): boolean {
  const nodes = introNodes(section, doc, doc.sections[section.index + 1]);
  const first = nodes.find((node) => node.type === 'paragraph' || commentText(node) !== null);
  if (!first) return false;
  const text = normalizeProse(plainText(first));
  return !REQUIRED_SAYING.test(text) && CONDITIONAL_OPENING.some((re) => re.test(text));
}
