import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../util/paths.js';
import { withoutHeader, withoutHeaderMarkers } from '../rule-doc-header.js';

/**
 * A rule's documentation (rules/<id>.md) in the shapes its readers need: the Markdown for SARIF viewers,
 * plain text for terminals and SARIF's text fields, and the opening paragraph as a one-line description.
 */
export interface RuleDoc {
  /** The Markdown as written, with links to sibling docs turned into their text (they resolve nowhere else). */
  markdown: string;
  /** The first paragraph of the body (after the title and the generated header), as plain text. */
  summary: string;
}

/** Reads rules/<id>.md from the package; null when the rule has no doc. */
export function readRuleDoc(id: string): RuleDoc | null {
  let source: string;
  try {
    source = readFileSync(join(packageRoot(), 'rules', `${id}.md`), 'utf8');
  } catch {
    return null;
  }
  const doc = source.replace(/\r\n?/g, '\n');
  return { markdown: unlinkRelative(withoutHeaderMarkers(doc)), summary: firstParagraph(unlinkRelative(withoutHeader(doc))) };
}

/** `[placeholder](placeholder.md#x)` → `placeholder`: relative links only make sense beside the doc files. */
function unlinkRelative(markdown: string): string {
  return markdown.replace(/\[([^\]\n]+)\]\((?![a-z][a-z0-9+.-]*:)[^)\s]*\)/gi, '$1');
}

function firstParagraph(markdown: string): string {
  const paragraphs = markdown.split(/\n\s*\n/).map((p) => p.trim());
  const body = paragraphs.find((p) => p !== '' && !p.startsWith('#') && !/^Default severity:/i.test(p) && !p.startsWith('```'));
  // A paragraph that introduces a list ends with a colon; alone, it is a sentence.
  return body ? inlineText(body.replace(/\s*\n\s*/g, ' ')).replace(/:$/, '.') : '';
}

/** Inline Markdown as plain text: code spans, emphasis and links keep only their words. */
export function inlineText(text: string): string {
  return text
    // A code span opens and closes with the same run of backticks; one space of padding on each side is dropped.
    .replace(/(`+)(?!`) ?((?:(?!\1)[^])+?) ?\1(?!`)/g, '$2')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/(^|[\s(])[*_]([^*_\s][^*_]*)[*_](?=[\s).,;:!?]|$)/g, '$1$2')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '$1 ($2)');
}

export interface TextStyle {
  heading: (text: string) => string;
  code: (text: string) => string;
}

const PLAIN: TextStyle = { heading: (t) => t, code: (t) => t };

/**
 * The doc as terminal text: headings without their #s (the title underlined), code blocks indented
 * without fences, inline Markdown reduced to its words (a paragraph at a time, since a code span may
 * wrap). Line breaks are kept as written.
 */
export function docAsText(markdown: string, style: TextStyle = PLAIN): string {
  const out: string[] = [];
  let paragraph: string[] = [];
  const flush = (): void => {
    if (paragraph.length > 0) out.push(...inlineText(paragraph.join('\n')).split('\n'));
    paragraph = [];
  };
  let fence: string | null = null;
  for (const line of markdown.split('\n')) {
    const fenceMatch = /^\s*(`{3,}|~{3,})/.exec(line);
    if (fence !== null) {
      if (fenceMatch?.[1]?.startsWith(fence)) fence = null;
      else out.push(style.code(`    ${line}`));
      continue;
    }
    if (fenceMatch?.[1]) {
      flush();
      fence = fenceMatch[1];
      continue;
    }
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading?.[1] && heading[2] !== undefined) {
      flush();
      const text = inlineText(heading[2]);
      out.push(style.heading(text));
      if (heading[1].length === 1) out.push('='.repeat(text.length));
      continue;
    }
    if (line.trim() === '') {
      flush();
      out.push('');
      continue;
    }
    paragraph.push(line);
  }
  flush();
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}
