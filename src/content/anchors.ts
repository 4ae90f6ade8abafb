import GithubSlugger from 'github-slugger';
import type { Definition, Link, Nodes } from 'mdast';
import type { Section, SpecDocument } from '../document/index.js';

export interface HeadingAnchor {
  slug: string;
  section: Section;
}

export interface FragmentLink {
  node: Link | Definition;
  /** The fragment without "#", URL-decoded. */
  fragment: string;
}

// Any element with an id, and <a name>: GitHub keeps both as link targets.
const HTML_ANCHOR = /<[a-z][\w-]*\s[^>]*?\b(?:name|id)\s*=\s*["']([^"']+)["']/gi;
// "## Heading {#custom-id}": explicit heading ids (mdBook, kramdown, Pandoc).
const HEADING_ID = /\{\s*#([\w-]+)[^}]*\}\s*$/;

/**
 * The anchors GitHub gives the headings (github-slugger, "-1" for duplicates), plus explicit ones:
 * HTML elements with an id or name, and "{#id}" heading attributes.
 */
export function headingAnchors(doc: SpecDocument): { headings: HeadingAnchor[]; html: Set<string> } {
  const slugger = new GithubSlugger();
  const headings = doc.sections.map((section) => ({ slug: slugger.slug(section.text), section }));
  const html = new Set<string>();
  for (const section of doc.sections) {
    const explicit = HEADING_ID.exec(section.text)?.[1];
    if (explicit) html.add(explicit);
  }
  const visit = (node: Nodes): void => {
    if (node.type === 'html') for (const m of node.value.matchAll(HTML_ANCHOR)) if (m[1]) html.add(m[1]);
    if ('children' in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(doc.tree);
  return { headings, html };
}

function decode(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

/** Links and link definitions that point into the same document ("#fragment"). */
export function fragmentLinks(root: Nodes): FragmentLink[] {
  const found: FragmentLink[] = [];
  // A link reference definition that no reference uses renders as nothing, so no reader meets its target.
  // A reference may come after its definition: definitions are kept in order and filtered at the end (one walk of the tree).
  const referenced = new Set<string>();
  const visit = (node: Nodes): void => {
    if (node.type === 'linkReference' || node.type === 'imageReference') referenced.add(node.identifier);
    if ((node.type === 'link' || node.type === 'definition') && node.url.startsWith('#') && node.url.length > 1) {
      found.push({ node, fragment: decode(node.url.slice(1)) });
    }
    if ('children' in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(root);
  return found.filter(({ node }) => node.type === 'link' || referenced.has(node.identifier));
}
