import { htmlTagNames } from 'html-tag-names';

/**
 * What template text looks like when nobody filled it in, without knowing the template: the inside
 * of a bracket that is a slot ("Component Name", "Describe the problem"), and example lines
 * ("Primary objective 1", "Performance: X requests/second"). Real prose in brackets ("[Tekton
 * Developer]", "[the service]" in a quotation) and real lists are neither.
 */

/** Words that open an instruction to the author. */
const INSTRUCTION_VERBS = new Set([
  'add', 'briefly', 'define', 'describe', 'detail', 'discuss', 'document', 'e.g', 'e.g.', 'eg', 'enter', 'explain', 'fill',
  'give', 'identify', 'include', 'insert', 'link', 'list', 'mention', 'outline', 'provide', 'put', 'replace', 'specify',
  'state', 'summarise', 'summarize', 'write',
]);

/** Words a slot is named by: "[Name]", "[Link to PRD]", "[Owner]". */
const SLOT_HEADS = new Set([
  'author', 'authors', 'date', 'description', 'email', 'handle', 'id', 'link', 'name', 'names', 'number', 'owner', 'owners',
  'placeholder', 'reviewer', 'reviewers', 'summary', 'title', 'url', 'username', 'value', 'version',
]);

/** Words that may qualify a slot's head ("Component Name", "Your full name", "Link to the PRD"). */
const SLOT_MODIFIERS = new Set([
  'a', 'an', 'and', 'approver', 'brief', 'co-author', 'component', 'contact', 'document', 'feature', 'first', 'full', 'github',
  'issue', 'its', 'last', 'my', 'of', 'or', 'pr', 'prd', 'product', 'project', 'proposal', 'rfc', 'service', 'short', 'spec',
  'system', 'team', 'the', 'this', 'to', 'user', 'your',
]);

/** Things a template numbers as examples: "Goal 1", "[Component 2]", "Primary objective 3". */
const EXAMPLE_NOUNS = new Set([
  'alternative', 'component', 'consideration', 'criterion', 'dependency', 'dependent', 'entity', 'example', 'feature', 'field',
  'goal', 'item', 'milestone', 'module', 'objective', 'option', 'param', 'parameter', 'phase', 'point', 'question',
  'requirement', 'responsibility', 'risk', 'service', 'step', 'story', 'task', 'use case', 'user story',
]);
const EXAMPLE_QUALIFIERS = new Set(['key', 'main', 'primary', 'secondary', 'technical', 'functional', 'non-functional', 'important', 'business', 'user', 'use']);

/** Question words that open a prompt ("[What does this component do?]"). */
const PROMPT_WORDS = new Set(['what', "what's", 'why', 'how', 'who', 'when', 'where', 'which']);

function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[()"\u201C\u201D'\u2018\u2019*_`]/g, ' ')
    .split(/[\s/]+/)
    .map((w) => w.replace(/[.,;:!?]+$/, ''))
    .filter(Boolean);
}

/** "[Component 1]", "[Technical goal 2]", "[Step 3]": a numbered example noun, possibly qualified. */
function isNumberedExample(list: readonly string[]): boolean {
  if (list.length < 2 || list.length > 4) return false;
  const number = list[list.length - 1] ?? '';
  // "Task A" names a real task in a log; only digits and N stand for "some number".
  if (!/^(?:\d{1,2}|n)$/.test(number)) return false;
  const nouns = list.slice(0, -1);
  const head = nouns.slice(-2).join(' ');
  const last = nouns[nouns.length - 1] ?? '';
  const headIsNoun = EXAMPLE_NOUNS.has(head) || EXAMPLE_NOUNS.has(last);
  const rest = EXAMPLE_NOUNS.has(head) ? nouns.slice(0, -2) : nouns.slice(0, -1);
  return headIsNoun && rest.every((w) => EXAMPLE_QUALIFIERS.has(w) || EXAMPLE_NOUNS.has(w));
}

/**
 * Is this bracket content a slot for the author to fill: an instruction ("Describe the problem",
 * "e.g., Python"), a prompt ("What does it do?"), a named slot ("Component Name", "Link to PRD",
 * "YYYY-MM-DD") or a numbered example ("Component 1")?
 */
export function isSlotText(content: string): boolean {
  const text = content.trim();
  if (/\bYYYY-MM-DD\b|\bX\.Y\.Z\b/i.test(text)) return true;
  const list = words(text);
  if (list.length === 0 || list.length > 40) return false;
  const first = list[0] ?? '';
  if (INSTRUCTION_VERBS.has(first) && list.length >= 2) return true;
  if (PROMPT_WORDS.has(first) && list.length >= 3) return true;
  if (/^(?:one|1)[- ](?:paragraph|sentence|line)\b/i.test(text)) return true;
  if (isNumberedExample(list)) return true;
  // A lone lower-case word is notation ("See [url]", "#[link]"); "[Name]" and "[URL]" are slots.
  if (list.length === 1 && !/^[A-Z]/.test(text)) return false;
  return list.length <= 5 && list.some((w) => SLOT_HEADS.has(w)) && list.every((w) => SLOT_HEADS.has(w) || SLOT_MODIFIERS.has(w));
}

/** "Performance: X requests/second", "Availability: 99.X% uptime": a letter stands for a number. */
const VARIABLE_NUMBER = /\b\d+\.[XYZ]+%|\b[XYZN]\s?(?:%|ms\b|milliseconds?\b|seconds?\b|minutes?\b|hours?\b|requests?\b|rps\b|qps\b|concurrent\b|users\b|[KMGT]B\b)/;
/** "Component must do X", "must support Y": a requirement whose object is a stand-in letter. */
const VARIABLE_OBJECT = /\bmust\s+(?:\w+\s+){1,2}[XYZ](?![\w-])\s*[.;]?$/;
/** "Performance:", "FR1:": a label opening an example line. */
const LABEL = /^[\p{L}][\p{L}\d &/-]{0,30}:\s+/u;

/**
 * Is this list item or line template example text: a numbered example item alone ("Primary
 * objective 1", "Goal 2"), a labelled line with a stand-in number ("Performance: X requests/second,
 * Y ms latency", "Availability: 99.X% uptime") or a requirement with a stand-in object ("FR1:
 * Component must do X")? A numbered item followed by real text ("Option 1: Use Redis") is real.
 */
export function isExampleLine(line: string): boolean {
  const text = line.replace(/[*_`]/g, '').trim();
  // "Example 1:" labels what follows it.
  if (text.length === 0 || text.length > 160 || text.endsWith(':')) return false;
  if (isNumberedExample(words(text))) return true;
  // "Dependency 1: [What it depends on]": a numbered label whose value is still a slot.
  const labelled = /^([^:]{1,40}):\s*\[([^\]]*)\]$/.exec(text);
  if (labelled && isNumberedExample(words(labelled[1] ?? ''))) return true;
  // "Pros: ...": a label whose value is still the template's ellipsis.
  if (/^[^:]{1,40}:\s*(?:\.\.\.|\u2026)$/.test(text)) return true;
  if (/\b\d+\.[XYZ]+%/.test(text)) return true;
  if (!LABEL.test(text)) return false;
  if (words(text).length > 16) return false;
  return VARIABLE_NUMBER.test(text) || VARIABLE_OBJECT.test(text);
}

const HTML_TAGS = new Set(htmlTagNames);

/**
 * Is this raw HTML "<Decision title>", a slot rather than a tag? GitHub drops tags it does not know,
 * so bare words in angle brackets with a space, not opening with an HTML tag name, can only be
 * template text.
 */
export function isAngleSlot(html: string): boolean {
  const content = /^<([^<>!?/\n][^<>\n]*)>$/.exec(html.trim())?.[1]?.trim();
  if (!content || !/^[\p{L}][\p{L}\d' -]*$/u.test(content) || !/\s/.test(content)) return false;
  const tag = /^[A-Za-z][\w-]*/.exec(content)?.[0]?.toLowerCase();
  return tag !== undefined && !HTML_TAGS.has(tag) && content.split(/\s+/).length <= 8;
}
