/** One spec named in a reference field: "TS-0042", "[TS-0042](ts-0042-login.md)", "../adr/0007.md". */
export interface ReferenceItem {
  /** The item as written, trimmed. */
  text: string;
  /** A link's target, when the item is a Markdown link or an autolink. */
  target: string | null;
  /** Where the item starts and ends in the string it was read from. */
  start: number;
  end: number;
}

const LINK = /\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)|<([a-z][a-z0-9+.-]*:[^>\s]+)>/gi;
/** Words that mean "no reference" rather than naming one. */
const NONE = /^(?:none|n\/?a|-+|\u2014|\u2013|~|null|nil|no|tbd)$/i;

export function isNoneValue(text: string): boolean {
  return NONE.test(text.trim());
}

/** Splits a reference field's value into the specs it names (links, ids and paths separated by commas). */
export function referenceItems(value: string): ReferenceItem[] {
  const items: ReferenceItem[] = [];
  const covered: [number, number][] = [];
  for (const m of value.matchAll(LINK)) {
    const start = m.index;
    const end = start + m[0].length;
    covered.push([start, end]);
    items.push({ text: (m[1] ?? m[3] ?? '').trim(), target: (m[2] ?? m[3] ?? '').trim() || null, start, end });
  }
  // The rest, outside links: comma- or semicolon-separated ids or paths; quotes and emphasis dropped.
  let rest = value;
  for (const [start, end] of covered) rest = rest.slice(0, start) + ' '.repeat(end - start) + rest.slice(end);
  for (const m of rest.matchAll(/[^,;]+/g)) {
    const raw = m[0];
    const inner = raw.replace(/^[\s"'`*_[(]+/, '').replace(/[\s"'`*_\])]+$/, '');
    if (!inner) continue;
    const start = m.index + raw.indexOf(inner);
    items.push({ text: inner, target: null, start, end: start + inner.length });
  }
  return items.sort((a, b) => a.start - b.start);
}

/** "https://…", "mailto:…": references outside the repository, which speclint does not follow. */
export function isExternal(target: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(target) && !/^[a-z]:[\\/]/i.test(target);
}


/** Ids compared as people write them: case, spaces and a leading "#" do not matter. */
export function normalizeId(id: string): string {
  return id.trim().replace(/^#/, '').replace(/\s+/g, ' ').toLowerCase();
}
