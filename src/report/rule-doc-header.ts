import type { RuleMeta } from '../engine/rule.js';
import { zod } from '../util/zod.js';

/**
 * The header of a rule's doc (rules/<id>.md), written from the rule's metadata so that it cannot
 * drift: default severity, whether it fixes, whether it needs a template, its options with their
 * types and defaults. `npm run docs:rules` writes it; a test fails when a doc's header is stale.
 */
export const HEADER_START = "<!-- Generated from the rule's metadata by `npm run docs:rules`: edit the rule's module, not these lines. -->";
export const HEADER_END = '<!-- End of the generated header. -->';

interface OptionSchema {
  type?: string;
  items?: { type?: string };
  enum?: unknown[];
  default?: unknown;
  description?: string;
}

function typeOf(option: OptionSchema): string {
  if (option.enum) return option.enum.map((v) => JSON.stringify(v)).join(' \\| ');
  if (option.type === 'array') return `${option.items?.type ?? 'value'}[]`;
  return option.type ?? 'value';
}

function severityLine(meta: RuleMeta): string {
  if (!meta.lifecycle) return `Default severity: ${meta.severity}`;
  // The lifecycle strictness section lives in the placeholder rule's doc.
  const link = `${meta.id === 'placeholder' ? '' : 'placeholder.md'}#lifecycle-strictness`;
  return `Default severity: ${meta.severity} — error in a spec whose status is final (see [lifecycle strictness](${link}))`;
}

function optionRows(meta: RuleMeta): string[] {
  if (!meta.options) return ['Options: none.'];
  const schema = zod().toJSONSchema(meta.options, { io: 'input' }) as { properties?: Record<string, OptionSchema> };
  const rows = Object.entries(schema.properties ?? {}).map(
    ([name, option]) => `| \`${name}\` | ${typeOf(option)} | \`${JSON.stringify(option.default)}\` | ${option.description ?? ''} |`,
  );
  return [
    `Options (\`"rules": { "${meta.id}": { "options": { … } } }\` in the config):`,
    '',
    '| Option | Type | Default | Description |',
    '| --- | --- | --- | --- |',
    ...rows,
  ];
}

/** The generated header, markers included, as it stands in the doc. */
export function ruleDocHeader(meta: RuleMeta): string {
  const facts = [
    `Fixable with \`--fix\`: ${meta.fixable ? 'yes' : 'no'}`,
    `Needs a template: ${meta.needsTemplate ? 'yes (not run on a file no template fits)' : 'no'}`,
  ];
  return [HEADER_START, severityLine(meta), '', `${facts.join(' · ')}.`, '', ...optionRows(meta), '', HEADER_END].join('\n');
}

/** The header block of a doc (markers included), or null when it has none. */
export function currentHeader(doc: string): string | null {
  const start = doc.indexOf(HEADER_START);
  const end = doc.indexOf(HEADER_END);
  return start >= 0 && end > start ? doc.slice(start, end + HEADER_END.length) : null;
}

/** The doc with its header replaced by `header`; a doc without one gets it in place of its severity line, else after its title. */
export function withHeader(doc: string, header: string): string {
  const current = currentHeader(doc);
  if (current !== null) return doc.replace(current, () => header);
  const handWritten = /^Default severity:.*$/m.exec(doc);
  if (handWritten) return doc.replace(handWritten[0], () => header);
  const title = /^# .*\n\n?/.exec(doc);
  const at = title ? title[0].length : 0;
  return `${doc.slice(0, at)}${header}\n\n${doc.slice(at)}`;
}

/** The doc without its generated header (to find its summary paragraph). */
export function withoutHeader(doc: string): string {
  const current = currentHeader(doc);
  return current === null ? doc : doc.replace(`${current}\n\n`, '').replace(current, '');
}

/** The doc with the header's text but not its marker comments (for display). */
export function withoutHeaderMarkers(doc: string): string {
  return doc.replace(`${HEADER_START}\n`, '').replace(`\n\n${HEADER_END}`, '');
}
