import type { Section, SpecDocument, SpecTable } from '../document/index.js';
import type { Slot } from '../template/align.js';
import { fieldLabel, fieldYamlKey, specFieldForm, templateFieldEntries } from '../template/fields.js';
import type { MetadataField, Template } from '../template/schema.js';
import type { Fix } from '../core/types.js';
import { EMOJI_PIECE } from '../util/text.js';

const ATX = /^(#{1,6})([ \t]+)(.*?)(?:[ \t]+#+)?[ \t]*$/;

function headingLine(doc: SpecDocument, section: Section): string {
  const text = doc.source.text;
  const lineEnd = text.indexOf('\n', section.start);
  return text.slice(section.start, lineEnd < 0 ? text.length : lineEnd).replace(/\r$/, '');
}

/** "### Security" → "## Security": the run of "#" only; setext headings get no fix. */
export function headingLevelFix(doc: SpecDocument, section: Section, level: number): Fix | undefined {
  const m = ATX.exec(headingLine(doc, section));
  if (!m?.[1]) return undefined;
  return { range: [section.start, section.start + m[1].length], text: '#'.repeat(level) };
}

/**
 * Sections moved up or down by `delta` levels, each with its subsections (so that the outline under
 * them keeps its shape) except those `stays` keeps where they are with their own subsections (a
 * template section already at its level), as one edit from the first heading's marker to the end
 * of the last heading's line (a fix is one range). Undefined when a heading is no ATX heading or
 * would leave levels 1–6, and when the range mixes line ends (applying a fix re-ends its lines).
 */
export function sectionsShiftFix(doc: SpecDocument, sections: readonly Section[], delta: number, stays: (section: Section) => boolean = () => false): Fix | undefined {
  const moved: Section[] = [];
  const visit = (section: Section): void => {
    moved.push(section);
    for (const child of section.children) if (!stays(child)) visit(child);
  };
  sections.forEach(visit);
  const markers: [number, number, number][] = [];
  let lineEnd = 0;
  for (const section of moved.sort((a, b) => a.start - b.start)) {
    const line = headingLine(doc, section);
    const m = ATX.exec(line);
    const level = section.level + delta;
    if (!m?.[1] || level < 1 || level > 6) return undefined;
    markers.push([section.start, section.start + m[1].length, level]);
    lineEnd = section.start + line.length;
  }
  const first = markers[0];
  if (!first) return undefined;
  const original = doc.source.text.slice(first[0], lineEnd);
  if (original.includes('\r\n') && /(?<!\r)\n/.test(original)) return undefined;
  let text = '';
  let at = first[0];
  for (const [start, end, level] of markers) {
    text += doc.source.text.slice(at, start) + '#'.repeat(level);
    at = end;
  }
  return { range: [first[0], lineEnd], text: text + doc.source.text.slice(at, lineEnd) };
}

// What a rename keeps around the words it replaces: leading numbering, emoji and ":shortcodes:";
// trailing qualifiers in parentheses or brackets, explicit ids ("{#id}") and emoji.
const DECORATION = `(?:${EMOJI_PIECE}|:[a-z0-9_+-]+:)`;
const KEPT_PREFIX = new RegExp(String.raw`^(?:\s*(?:${DECORATION}|(?:\d+(?:\.\d+)*\.?|[A-Z]\.|[IVXLC]+\.)(?=\s)))*\s*`, 'u');
const KEPT_SUFFIX = new RegExp(String.raw`(?:\s*(?:${DECORATION}|\([^()]*\)|\[[^[\]]*\]|\{\s*#[^}]*\}))*\s*$`, 'u');

/** Replaces the words of a heading, keeping its level, markers, numbering, emoji and qualifiers. */
export function headingTextFix(doc: SpecDocument, section: Section, text: string): Fix | undefined {
  const m = ATX.exec(headingLine(doc, section));
  if (!m?.[1] || m[2] === undefined || m[3] === undefined) return undefined;
  const content = m[3];
  const start = section.start + m[1].length + m[2].length;
  const prefix = KEPT_PREFIX.exec(content)?.[0].length ?? 0;
  const suffix = KEPT_SUFFIX.exec(content.slice(prefix))?.[0].length ?? 0;
  const core = content.slice(prefix, content.length - suffix);
  // Nothing but decoration: keep it all and put the words after it.
  if (core.trim() === '') return { range: [start + content.length, start + content.length], text: ` ${text}` };
  return { range: [start + prefix, start + content.length - suffix], text };
}

/**
 * Inserts a whole block at `offset`, separated from its neighbours by blank lines. At the end of the
 * document the block goes right after the last text, led by a blank line, so that the file's trailing
 * line ends (or the missing final newline) stay as they were and two blocks added there compose.
 */
export function insertBlock(doc: SpecDocument, offset: number, block: string): Fix {
  const text = doc.source.text;
  const body = block.trimEnd();
  if (text.slice(offset).trim() === '') {
    const contentEnd = text.trimEnd().length;
    if (contentEnd === 0) return { range: [0, 0], text: `${body}\n` };
    const at = Math.min(offset, contentEnd);
    return { range: [at, at], text: `\n\n${body}` };
  }
  const before = text.slice(0, offset);
  let lead = '';
  if (before.length > 0 && !before.endsWith('\n')) lead = '\n\n';
  else if (before.length > 0 && !/\n\s*\n$/.test(before) && !/^\s*$/.test(before)) lead = '\n';
  return { range: [offset, offset], text: `${lead}${body}\n\n` };
}

/** The missing section's heading and the template's guidance for it, where it belongs. */
export function missingSectionFix(doc: SpecDocument, slot: Slot, after: Section | null, before: Section | null, container: Section | null): Fix {
  const offset = after ? after.end : before ? before.start : container ? container.end : doc.source.text.length;
  const heading = `${'#'.repeat(slot.spec.level)} ${slot.spec.title}`;
  const guidance = slot.spec.guidance.trim();
  return insertBlock(doc, offset, guidance ? `${heading}\n\n${guidance}` : heading);
}

/** A placeholder value for a field the author must fill in (the placeholder rule then flags it). */
function placeholderValue(field: MetadataField): string {
  if (field.kind === 'date') return 'YYYY-MM-DD';
  if (field.kind === 'status' && field.values) return field.values.join(' | ');
  return 'TBD';
}


function endOfLine(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end < 0 ? text.length : end > 0 && text[end - 1] === '\r' ? end - 1 : end;
}

/**
 * Adds a missing metadata field in the form the spec already uses (front matter key, bold line,
 * list item or table row), or, when it has none, in the template's form. Returns undefined when
 * the place is not clear.
 */
export function metadataFieldFix(doc: SpecDocument, template: Template, field: MetadataField): Fix | undefined {
  const { text } = doc.source;
  const value = placeholderValue(field);
  const entries = templateFieldEntries(doc, template);
  const form = specFieldForm(doc, template);
  if (form === 'front-matter' || (!form && template.metadata.form === 'front-matter')) {
    const yaml = doc.tree.children[0];
    if (yaml?.type === 'yaml') {
      const end = yaml.position?.end.offset ?? 0;
      const closing = text.lastIndexOf('\n', end - 1) + 1;
      return { range: [closing, closing], text: `${fieldYamlKey(field)}: ${value}\n` };
    }
    if (form) return undefined;
    return { range: [0, 0], text: `---\n${fieldYamlKey(field)}: ${value}\n---\n\n` };
  }
  const last = [...entries].reverse().find((e) => e.form === form);
  if (last && form) {
    const lineStart = text.lastIndexOf('\n', last.keySpan.start.offset - 1) + 1;
    const at = endOfLine(text, last.span.end.offset);
    const line = text.slice(lineStart, at);
    // Follow the spec's own style: bold keys where its last field has one, plain keys otherwise.
    const bold = /^(?:\*\*|__)/.test(text.slice(last.keySpan.start.offset));
    const label = bold ? `**${fieldLabel(field)}**` : fieldLabel(field);
    if (form === 'line') return { range: [at, at], text: `\n**${fieldLabel(field)}**: ${value}` };
    if (form === 'list') {
      const marker = /^([ \t]*[-*+][ \t]+)/.exec(line)?.[1] ?? '- ';
      return { range: [at, at], text: `\n${marker}${label}: ${value}` };
    }
    if (form === 'table') return { range: [at, at], text: `\n| ${label} | ${value} |` };
    return undefined;
  }
  const title = doc.titles[0];
  const at = title ? endOfLine(text, title.start) : 0;
  const block =
    template.metadata.form === 'list'
      ? `- **${fieldLabel(field)}**: ${value}`
      : template.metadata.form === 'table'
        ? `| Field | Value |\n|-------|-------|\n| **${fieldLabel(field)}** | ${value} |`
        : `**${fieldLabel(field)}**: ${value}`;
  return insertBlock(doc, title ? at + (text[at] === '\r' ? 2 : text[at] === '\n' ? 1 : 0) : 0, block);
}

/** Where each row's cells start (the offset of each leading "|" or of the first cell's text). */
function delimiterCells(line: string, lineStart: number): number[] {
  const starts: number[] = [];
  const body = line.replace(/\s+$/, '');
  let k = 0;
  if (!body.startsWith('|')) starts.push(lineStart);
  for (; k < body.length; k++) if (body[k] === '|' && k < body.length - 1) starts.push(lineStart + k);
  return starts;
}

interface RowCells {
  starts: number[];
  /** Offset just before a closing "|", or the end of the row when it has none. */
  end: number;
  closing: boolean;
}

/** Adds missing columns (empty cells) to a table's header, delimiter row and every row, keeping alignment markers. */
export function addColumnsFix(doc: SpecDocument, table: SpecTable, columns: readonly string[], missing: readonly string[], normalize: (s: string) => string): Fix | undefined {
  const { text } = doc.source;
  const from = table.span.start.offset;
  const to = table.span.end.offset;
  const header = table.header.map((c) => normalize(c.text));
  // Each missing column goes after the nearest column before it (in the template's order) that the table has.
  const inserts: { index: number; name: string }[] = [];
  for (const name of missing) {
    const at = columns.indexOf(name);
    let index = 0;
    for (let k = at - 1; k >= 0; k--) {
      const present = header.indexOf(normalize(columns[k] ?? ''));
      if (present >= 0) {
        index = present + 1;
        break;
      }
    }
    inserts.push({ index, name });
  }
  const rowOf = (cells: { span: { start: { offset: number }; end: { offset: number } } }[]): RowCells | undefined => {
    const lastCell = cells[cells.length - 1];
    if (!lastCell) return undefined;
    const closing = text[lastCell.span.end.offset - 1] === '|' && lastCell.span.end.offset - 1 > lastCell.span.start.offset;
    return { starts: cells.map((c) => c.span.start.offset), end: closing ? lastCell.span.end.offset - 1 : lastCell.span.end.offset, closing };
  };
  const headerRow = rowOf(table.header);
  if (!headerRow) return undefined;
  const headerLineEnd = text.indexOf('\n', from);
  const delimiterStart = headerLineEnd + 1;
  const delimiterEnd = endOfLine(text, delimiterStart);
  const delimiterLine = text.slice(delimiterStart, delimiterEnd);
  const delimiterStarts = delimiterCells(delimiterLine, delimiterStart);
  const delimiterBody = delimiterLine.replace(/\s+$/, '');
  const delimiterRow: RowCells = {
    starts: delimiterStarts,
    end: delimiterBody.endsWith('|') ? delimiterStart + delimiterBody.length - 1 : delimiterStart + delimiterBody.length,
    closing: delimiterBody.endsWith('|'),
  };
  const edits: { at: number; text: string }[] = [];
  const addTo = (row: RowCells, cell: (name: string) => string): void => {
    for (const { index, name } of inserts) {
      const content = cell(name);
      if (index < row.starts.length) {
        const at = row.starts[index] ?? row.end;
        edits.push({ at, text: text[at] === '|' ? `| ${content} ` : `${content} | ` });
      } else {
        edits.push({ at: row.end, text: row.closing ? `| ${content} ` : ` | ${content}` });
      }
    }
  };
  addTo(headerRow, (name) => name);
  addTo(delimiterRow, () => '---');
  for (const row of table.rows) {
    const cells = rowOf(row);
    if (cells) addTo(cells, () => ' ');
  }
  let out = '';
  let cursor = from;
  for (const edit of edits.sort((a, b) => a.at - b.at)) {
    out += text.slice(cursor, edit.at) + edit.text;
    cursor = edit.at;
  }
  out += text.slice(cursor, to);
  return { range: [from, to], text: out };
}
