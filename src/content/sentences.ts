import type { Nodes, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { weakMemo } from '../util/memo.js';

/** A prose sentence and the node (paragraph) it was read from. */
export interface ProseSentence {
  text: string;
  normalized: string;
  node: Nodes;
}

/** Sentences shorter than this are too common to be told apart from real writing. */
export const MIN_GUIDANCE_WORDS = 4;

/**
 * Guidance tells the author what to write ("Describe the rollout…", "You should…", "e.g."); a
 * template's boilerplate ("Copyright and related rights waived via CC0.") is meant to stay, and
 * questions are prompts authors keep and answer, so only instructions count.
 */
const INSTRUCTION = /\b(?:you|your|describe|explain|provide|list|replace|fill|include|summari[sz]e|e\.g\.|for example|this section|here|if applicable)\b|\bshould\b|\bmust be\b/i;

export function isInstruction(sentence: string): boolean {
  if (/\?\s*$/.test(sentence)) return false;
  return INSTRUCTION.test(sentence.replace(/\b[A-Z]{2,}\b/g, ''));
}

/** What a normalized sentence does not start with (list markers, a label's colon) or end with (its punctuation). */
const LEADING = new Set([' ', '-', '*', '•', ':']);
const TRAILING = new Set([' ', '.', '!', '?', ':', ';', ',']);

/**
 * A sentence as compared with the template's: lower case, whitespace collapsed, without a leading
 * list marker or trailing punctuation. (The ends are cut by index: `/[\s.!?:;,]+$/` tries every
 * position of every sentence, a tenth of a lint's time on long specs.)
 */
export function normalizeSentence(text: string): string {
  const collapsed = text.toLowerCase().replace(/\s+/g, ' ');
  let start = 0;
  let end = collapsed.length;
  while (start < end && LEADING.has(collapsed[start] as string)) start++;
  while (end > start && TRAILING.has(collapsed[end - 1] as string)) end--;
  return collapsed.slice(start, end);
}

const FIRST_WORD = /^[\s\-*\u2022:]*(\S*)/;
const ONLY_TRAILING = /^[\s.!?:;,]*$/;

/**
 * The first word of normalizeSentence(text), read without normalizing the whole sentence (unless
 * nothing but punctuation follows it): a cheap test that rules out most sentences before they are
 * compared with a template's.
 */
export function normalizedFirstWord(text: string): string {
  const first = FIRST_WORD.exec(text);
  // Σ is the one letter whose lower case depends on what follows it (σ or final ς), which can lie past the word.
  if (!first || first[1]?.includes('Σ') || ONLY_TRAILING.test(text.slice(first[0].length))) return normalizeSentence(text).split(' ', 1)[0] ?? '';
  return (first[1] ?? '').toLowerCase();
}

/** The first words of normalized sentences (see normalizedFirstWord), kept per set of sentences. */
const firstWordsOf = weakMemo((sentences: ReadonlySet<string>): ReadonlySet<string> => new Set([...sentences].map((sentence) => sentence.split(' ', 1)[0] ?? '')));

/**
 * Whether `text`, normalized, can be one of `sentences` (normalized already): false when its first
 * word is none of theirs, so most sentences are ruled out without normalizing them.
 */
export function mayBeAmong(sentences: ReadonlySet<string>, text: string): boolean {
  return firstWordsOf(sentences).has(normalizedFirstWord(text));
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

function splitSentences(text: string): string[] {
  return text
    .split(/\n+|(?<=[.!?])\s+(?=[\p{Lu}\d[(])/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * The prose sentences of a document: paragraphs (including those in lists and quotes), not code,
 * tables, HTML or headings. Bracketed text is left out: `[Describe …]` is a placeholder already.
 * With `among`, only the sentences whose normalized text is one of those (the others are not counted).
 */
export function proseSentences(tree: Root, among?: ReadonlySet<string>): ProseSentence[] {
  const found: ProseSentence[] = [];
  const visit = (node: Nodes): void => {
    // A checklist item is a form the author ticks, not guidance to replace.
    if (node.type === 'listItem' && typeof node.checked === 'boolean') return;
    if (node.type === 'paragraph') {
      // A paragraph that is only links is navigation (a table of contents), not prose.
      if (node.children.every((c) => c.type === 'link' || (c.type === 'text' && c.value.trim() === ''))) return;
      for (const sentence of splitSentences(toString(node, { includeHtml: false }))) {
        if (among && !mayBeAmong(among, sentence)) continue;
        const normalized = normalizeSentence(sentence);
        if (among && !among.has(normalized)) continue;
        const withoutBrackets = sentence.replace(/\[[^\]]*\]/g, ' ');
        if (wordCount(withoutBrackets) < MIN_GUIDANCE_WORDS) continue;
        found.push({ text: sentence, normalized, node });
      }
      return;
    }
    if (node.type === 'table' || node.type === 'code' || node.type === 'html' || node.type === 'heading') return;
    if ('children' in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(tree);
  return found;
}

/** A list item's own line of text (its first paragraph), as written. */
export interface ListItemLine {
  text: string;
  /** The line as written (links and their targets included), normalized. */
  readonly source: string;
  /** The paragraph holding the line. */
  node: Nodes;
  /** Whether the item holds a nested list (it labels what follows). */
  hasSublist: boolean;
}

/**
 * The lines of a document's list items: not task-list items (a form the author ticks) and not items
 * that are only links (a table of contents).
 */
export function listItemLines(tree: Root, markdown: string): ListItemLine[] {
  const found: ListItemLine[] = [];
  const visit = (node: Nodes): void => {
    if (node.type === 'code' || node.type === 'html' || node.type === 'table' || node.type === 'heading') return;
    if (node.type === 'listItem' && typeof node.checked !== 'boolean') {
      const first = node.children[0];
      const linksOnly = first?.type === 'paragraph' && first.children.every((c) => c.type === 'link' || (c.type === 'text' && c.value.trim() === ''));
      if (first?.type === 'paragraph' && !linksOnly) {
        const text = toString(first, { includeHtml: false }).trim();
        found.push({
          text,
          node: first,
          hasSublist: node.children.some((c) => c.type === 'list'),
          // Normalized only when asked: a spec's lines are compared with the template's after a cheaper test.
          get source() {
            return sourceOf(first, markdown);
          },
        });
      }
    }
    if ('children' in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(tree);
  return found;
}

/**
 * The list items of a template that are example text, to be replaced: "Primary objective 1",
 * "What this component will NOT do". Metadata lines, bold form fields ("**Method**: `POST`"), labels of nested lists ("Related issues:"), prompts authors
 * keep and answer ("Why is this design the best?") and single words are not.
 */
function markdownOf(node: Nodes, markdown: string): string {
  return markdown.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0);
}

function sourceOf(node: Nodes, markdown: string): string {
  return normalizeSentence(markdownOf(node, markdown));
}

export function templateExampleItems(tree: Root, markdown: string, metadataLines: ReadonlySet<number> = new Set()): string[] {
  // A metadata line ("- **Status**: Draft") keeps its value in real specs; its placeholders count on their own.
  const items = listItemLines(tree, markdown).filter(
    (line) =>
      !line.hasSublist &&
      !/:\s*$/.test(line.text) &&
      !line.text.includes('?') &&
      // "**Method**: `POST`" is a form field whose value may well be the spec's own.
      !/^\s*(?:\*\*|__)[^*_]+(?:\*\*|__)\s*:|^\s*(?:\*\*|__)[^*_]+:(?:\*\*|__)/.test(markdownOf(line.node, markdown)) &&
      wordCount(line.text) >= 2 &&
      !metadataLines.has(line.node.position?.start.line ?? 0),
  );
  return [...new Set(items.map((line) => line.source))].sort();
}
