import type { List, ListItem, RootContent } from 'mdast';

/** The headings a template gives its table of contents. */
const TOC_KEYS = new Set(['table of contents', 'contents', 'toc']);

export function isTableOfContentsKey(key: string): boolean {
  return TOC_KEYS.has(key);
}

/** A list item that is a link into the document itself ("- [Summary](#summary)"). */
function linksIntoDocument(item: ListItem): boolean {
  const first = item.children[0];
  if (first?.type !== 'paragraph') return false;
  const [link, ...rest] = first.children;
  return link?.type === 'link' && link.url.startsWith('#') && rest.every((node) => node.type === 'text' && node.value.trim() === '');
}

/**
 * Whether these nodes hold a table of contents written without its heading: a list of at least
 * three items, nearly all links to the document's own headings (what doctoc and editors generate).
 */
export function holdsTableOfContents(nodes: readonly RootContent[]): boolean {
  return nodes.some((node) => {
    if (node.type !== 'list') return false;
    const items = itemsOf(node);
    return items.length >= 3 && items.filter(linksIntoDocument).length * 5 >= items.length * 4;
  });
}

/** The items of a list and of the lists nested in them. */
function itemsOf(list: List): ListItem[] {
  return list.children.flatMap((item) => [item, ...item.children.flatMap((child) => (child.type === 'list' ? itemsOf(child) : []))]);
}
