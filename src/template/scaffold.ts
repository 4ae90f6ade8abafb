import { buildDocument } from '../document/index.js';
import type { Template } from './schema.js';

export interface ScaffoldValues {
  /** Fills the title's placeholder (and a `title` metadata field). */
  title?: string;
  /** Today's date, YYYY-MM-DD, for every date field. */
  date: string;
  /** For an Author field, when known. */
  author?: string;
  /** The spec's id for the id field, given the template's value there (a placeholder such as "TS-XXXX"). */
  id?: (templateValue: string) => string | undefined;
  /** Written as `template:` in the front matter (added when the template has none), so no detection is needed. */
  templateRef?: string;
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

const PLACEHOLDER = /\[[^\]]+\]|\{[^}]+\}|<[^>]+>/;
const YAML_PLAIN = /^[\w][\w .@()'-]*$/;

function yamlValue(text: string): string {
  return YAML_PLAIN.test(text) && !/:\s|\s#/.test(text) ? text : JSON.stringify(text);
}

/**
 * A new spec from a template's Markdown: the title filled in, date fields set to today, the status
 * set to the first (draft) status, the author filled in when known, and speclint's own annotation
 * comments removed. Everything else stays as the template wrote it, placeholders included, so
 * `speclint` shows what is left to write.
 */
export function scaffoldSpec(markdown: string, template: Template, values: ScaffoldValues): string {
  const doc = buildDocument(markdown);
  const text = doc.source.text;
  const edits: Edit[] = [];

  const title = doc.titles[0];
  if (title && values.title) {
    const headingEnd = title.contentStart;
    const line = text.slice(title.start, headingEnd);
    const m = PLACEHOLDER.exec(line);
    if (m) edits.push({ start: title.start + m.index, end: title.start + m.index + m[0].length, text: values.title });
    else {
      // "KEP-NNNN: Your short, descriptive title", "Feature name": the describing part is the placeholder.
      const describing = /(^#+\s*|:\s*)([^:]*\b(?:name|title)\b[^:]*?)\s*$/i.exec(line);
      if (describing?.[2]) {
        const at = title.start + describing.index + (describing[1]?.length ?? 0);
        edits.push({ start: at, end: at + describing[2].length, text: values.title });
      } else {
        const end = title.start + line.trimEnd().length;
        edits.push({ start: end, end, text: `: ${values.title}` });
      }
    }
  }

  for (const field of template.metadata.fields) {
    const entry = doc.metadata.get(field.normalizedKey);
    if (!entry) continue;
    let value: string | undefined;
    if (field.kind === 'date') value = values.date;
    else if (field.kind === 'status' && field.values?.[0]) value = field.values[0];
    else if (field.normalizedKey === 'author' && values.author) value = values.author;
    else if (field.normalizedKey === 'title' && values.title) value = values.title;
    else if (field.normalizedKey === template.identity.idField && values.id && entry.value) value = values.id(entry.value);
    if (value === undefined) continue;
    const { start, end } = entry.span;
    // A front matter flow sequence ("[Name]") is one value: replace it whole, quoted when needed.
    edits.push({ start: start.offset, end: end.offset, text: entry.form === 'front-matter' ? yamlValue(value) : value });
  }

  // speclint's own annotations are for the template, not the spec.
  for (const m of text.matchAll(/[ \t]*<!--\s*speclint:[\s\S]*?-->[ \t]*\n?/g)) {
    edits.push({ start: m.index, end: m.index + m[0].length, text: '' });
  }

  if (values.templateRef !== undefined) {
    const line = `template: ${yamlValue(values.templateRef)}\n`;
    const fence = /^---[ \t]*\r?\n/.exec(text);
    const hasFrontMatter = fence !== null && doc.metadata.entries.some((e) => e.form === 'front-matter');
    if (hasFrontMatter) {
      if (!doc.metadata.entries.some((e) => e.form === 'front-matter' && e.normalizedKey === 'template')) edits.push({ start: fence[0].length, end: fence[0].length, text: line });
    } else edits.push({ start: 0, end: 0, text: `---\n${line}---\n\n` });
  }

  let out = text;
  for (const edit of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  return out;
}
