import type { Nodes, RootContent } from 'mdast';

/**
 * Template annotations are HTML comments, invisible when the template is rendered:
 *   <!-- speclint: optional -->            the section (or the table right after it) is optional
 *   <!-- speclint: required -->            the section is required even where the default says optional
 *   <!-- speclint: repeatable -->          the section may appear more than once
 *   <!-- speclint: statuses A | B | C -->  the allowed status values
 *   <!-- speclint: optional-from-level 3 --> headings at this level and deeper are optional by default
 * Several directives can share one comment, separated by ";".
 */
export interface Directive {
  name: string;
  argument: string;
}

const COMMENT = /<!--\s*speclint:\s*([\s\S]*?)\s*-->/g;

export function parseDirectives(html: string): Directive[] {
  const directives: Directive[] = [];
  for (const match of html.matchAll(COMMENT)) {
    for (const part of (match[1] ?? '').split(';')) {
      const trimmed = part.trim();
      if (!trimmed) continue;
      const space = trimmed.search(/\s/);
      directives.push(
        space < 0
          ? { name: trimmed.toLowerCase(), argument: '' }
          : { name: trimmed.slice(0, space).toLowerCase(), argument: trimmed.slice(space + 1).trim() },
      );
    }
  }
  return directives;
}

/** Directives written inside a node (for a heading: inline comments in its text). */
export function directivesIn(node: Nodes): Directive[] {
  if (node.type === 'html') return parseDirectives(node.value);
  if ('children' in node) return node.children.flatMap((child) => directivesIn(child as Nodes));
  return [];
}

export function directivesOfNodes(nodes: readonly RootContent[]): Directive[] {
  return nodes.filter((n) => n.type === 'html').flatMap((n) => parseDirectives(n.value));
}

export function hasDirective(directives: readonly Directive[], name: string): boolean {
  return directives.some((d) => d.name === name);
}
