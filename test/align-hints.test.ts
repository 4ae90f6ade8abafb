import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quotedValues } from '../src/core/anchor.js';
import { buildDocument } from '../src/document/index.js';
import type { Section } from '../src/document/index.js';
import { fixText } from '../src/fix/apply.js';
import { lintSource } from '../src/engine/lint-source.js';
import { alignOutline } from '../src/template/align.js';
import { deriveTemplate } from '../src/template/derive.js';
import { ROOT, read } from './helpers.js';

const TEMPLATE_PATH = 'fixtures/section-order/service-template.md';
const template = deriveTemplate(read(TEMPLATE_PATH), { id: 'service', source: TEMPLATE_PATH });
const TOP = template.sections.map((s) => s.title);
const lint = (text: string) => lintSource(text, { template }).diagnostics;

const find = (text: string, name: string): Section => {
  const section = buildDocument(text).sections.find((s) => s.text === name);
  if (!section) throw new Error(`no section '${name}' in the text`);
  return section;
};

/**
 * Does what a section-order hint says, the way an author would: cuts the named sections (with
 * their subsections) and puts them, in the order named, after or before the anchor it names.
 */
function applyOrderHint(text: string, hint: string): string {
  const values = quotedValues(hint);
  const into = / into '/.test(hint);
  const positioned = /, (after|before) '[^']*'\.$|\) (?:after|before) '[^']*'\.$|in this order, (after|before) '/.test(hint);
  const mode = /(after|before) '[^']*'\.$/.exec(hint)?.[1] as 'after' | 'before' | undefined;
  const anchorName = mode ? values.at(-1) : undefined;
  const containerName = into ? values.at(mode ? -2 : -1) : undefined;
  const names = values.slice(0, values.length - (anchorName ? 1 : 0) - (containerName ? 1 : 0));
  expect(positioned || into, hint).toBe(true);
  const blocks = names.map((name) => {
    const s = find(text, name);
    return { start: s.start, end: s.end, body: text.slice(s.start, s.end).replace(/\n*$/, '\n\n') };
  });
  let rest = text;
  for (const b of [...blocks].sort((a, c) => c.start - a.start)) rest = rest.slice(0, b.start) + rest.slice(b.end);
  const moved = blocks.map((b) => b.body).join('');
  let at: number;
  if (anchorName) {
    const anchor = find(rest, anchorName);
    at = mode === 'after' ? anchor.end : anchor.start;
  } else {
    at = find(rest, containerName as string).end;
  }
  const before = rest.slice(0, at);
  return `${before}${before.endsWith('\n\n') || before === '' ? '' : before.endsWith('\n') ? '\n' : '\n\n'}${moved}${rest.slice(at)}`;
}

const topLevelOrder = (text: string): string[] => {
  const keys = new Set(TOP);
  return buildDocument(text).sections.filter((s) => s.level === 2 && keys.has(s.text)).map((s) => s.text);
};

function expectHintsRestoreOrder(text: string, reverse: boolean): void {
  const hints = lint(text).filter((d) => d.ruleId === 'section-order').map((d) => d.hint as string);
  let fixed = text;
  for (const hint of reverse ? [...hints].reverse() : hints) fixed = applyOrderHint(fixed, hint);
  expect(lint(fixed).filter((d) => d.ruleId === 'section-order').map((d) => d.message)).toEqual([]);
  expect(topLevelOrder(fixed)).toEqual(TOP.filter((t) => topLevelOrder(text).includes(t)));
}

/** The template's top-level sections as blocks of a filled spec, each with its subsections. */
function specBlocks(): { name: string; body: string }[] {
  const text = read('fixtures/section-order/valid/service-in-template-order.md');
  const doc = buildDocument(text);
  return doc.sections.filter((s) => s.level === 2).map((s) => ({ name: s.text, body: text.slice(s.start, s.end).replace(/\n*$/, '\n\n') }));
}

function header(): string {
  const text = read('fixtures/section-order/valid/service-in-template-order.md');
  return text.slice(0, buildDocument(text).sections.find((s) => s.level === 2)?.start ?? 0).replace(/^---[\s\S]*?---\n\n/, '');
}

/** Length of the longest increasing subsequence: the sections that can stay where they are. */
function lis(values: number[]): number {
  const tails: number[] = [];
  for (const v of values) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((tails[mid] as number) < v) lo = mid + 1;
      else hi = mid;
    }
    tails[lo] = v;
  }
  return tails.length;
}

describe('section-order hints', () => {
  const fixtures = readdirSync(join(ROOT, 'fixtures/section-order/invalid')).filter((f) => f.endsWith('.md') && read(`fixtures/section-order/invalid/${f}`).includes('service-template.md'));

  it.each(fixtures)('applied in turn, in either order, restore the template order: %s', (file) => {
    const text = read(`fixtures/section-order/invalid/${file}`).replace(/^---[\s\S]*?---\n\n/, '');
    expectHintsRestoreOrder(text, false);
    expectHintsRestoreOrder(text, true);
  });

  it('blame the fewest moves and restore the order for any shuffle of the sections', () => {
    const blocks = specBlocks();
    const head = header();
    fc.assert(
      fc.property(fc.shuffledSubarray(blocks.map((_, i) => i), { minLength: blocks.length, maxLength: blocks.length }), fc.boolean(), (order, reverse) => {
        const text = head + order.map((i) => blocks[i]?.body).join('');
        const moves = alignOutline(buildDocument(text), template).findings.flatMap((f) => (f.kind === 'order' ? f.moves : []));
        expect(moves.filter((m) => m.section.level === 2)).toHaveLength(blocks.length - lis(order));
        expectHintsRestoreOrder(text, reverse);
      }),
      { numRuns: 25, seed: 14 },
    );
  });
});

describe('decorated headings', () => {
  const decorations = fc.record({
    prefix: fc.constantFrom('', '🔒 ', ':lock: ', '3. ', '✅ 2. '),
    suffix: fc.constantFrom('', ' (draft)', ' [to be resolved before GA]', ' {#sec}', ' 🔐'),
  });

  it('match the template whatever their emoji, ids and qualifiers', () => {
    fc.assert(
      fc.property(decorations, ({ prefix, suffix }) => {
        const text = read('fixtures/section-order/valid/service-in-template-order.md').replace('## Security Considerations', `## ${prefix}Security Considerations${suffix}`);
        // Bracket text may be a placeholder (the placeholder rule's business); the structure matches.
        expect(lint(text).filter((d) => d.ruleId.startsWith('section-')).map((d) => `${d.ruleId} ${d.message}`)).toEqual([]);
      }),
      { numRuns: 25, seed: 14 },
    );
  });

  it('--fix renames a near miss and keeps its emoji, numbering, ids and qualifiers', () => {
    fc.assert(
      fc.property(decorations, ({ prefix, suffix }) => {
        const text = read('fixtures/section-order/valid/service-in-template-order.md').replace('## Security Considerations', `## ${prefix}Security Consideratons${suffix}`);
        const fixed = fixText(text, lint).text;
        expect(fixed).toContain(`\n## ${prefix}Security Considerations${suffix}\n`);
      }),
      { numRuns: 25, seed: 14 },
    );
  });
});

describe('link-anchor and case', () => {
  const text = '# Spec\n\n## Data Model\n\nSee [the model](#Data-Model).\n';

  it('warns about a fragment that differs from an anchor only in case, with a fix', () => {
    const [d] = lintSource(text).diagnostics.filter((x) => x.ruleId === 'link-anchor');
    expect(d).toMatchObject({ severity: 'warning', fix: { text: '#data-model' } });
  });

  it('accepts it with ignoreCase, as GitHub does', () => {
    expect(lintSource(text, { ruleOptions: { 'link-anchor': { ignoreCase: true } } }).diagnostics.filter((x) => x.ruleId === 'link-anchor')).toEqual([]);
  });
});
