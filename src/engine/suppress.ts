import type { Nodes } from 'mdast';
import type { SpecDocument } from '../document/index.js';
import type { Diagnostic, Span } from '../core/types.js';

/**
 * Inline suppression, in HTML comments as markdownlint and ESLint users expect:
 *   <!-- speclint-disable [rule …] -->   from here on (all rules when none is named)
 *   <!-- speclint-enable [rule …] -->    back on
 *   <!-- speclint-disable-next-line [rule …] -->
 *   <!-- speclint-disable-file [rule …] -->
 */
export type DirectiveKind = 'disable' | 'enable' | 'disable-next-line' | 'disable-file';

export interface SuppressionDirective {
  kind: DirectiveKind;
  /** Rule ids named; empty for all rules. */
  rules: string[];
  span: Span;
  /** Where each named rule id is written, for reporting unknown ids. */
  ruleSpans: Span[];
}

const DIRECTIVE = /<!--\s*speclint-(disable-next-line|disable-file|disable|enable)\b([^>]*?)\s*-->/g;

const parsed = new WeakMap<SpecDocument, SuppressionDirective[]>();

/** Reads every suppression comment in the document, in order (once per document: the engine and the repository facts both ask). */
export function parseSuppressions(doc: SpecDocument): SuppressionDirective[] {
  let found = parsed.get(doc);
  if (!found) {
    found = readSuppressions(doc);
    parsed.set(doc, found);
  }
  return found;
}

function readSuppressions(doc: SpecDocument): SuppressionDirective[] {
  const found: SuppressionDirective[] = [];
  const visit = (node: Nodes): void => {
    if (node.type === 'html') {
      const start = node.position?.start.offset ?? 0;
      for (const m of node.value.matchAll(DIRECTIVE)) {
        const at = start + m.index;
        const listStart = at + m[0].indexOf('speclint-') + 'speclint-'.length + (m[1] ?? '').length;
        const rules: string[] = [];
        const ruleSpans: Span[] = [];
        for (const r of (m[2] ?? '').matchAll(/[^\s,]+/g)) {
          rules.push(r[0]);
          ruleSpans.push(doc.source.span(listStart + r.index, listStart + r.index + r[0].length));
        }
        found.push({ kind: m[1] as DirectiveKind, rules, span: doc.source.span(at, at + m[0].length), ruleSpans });
      }
    }
    if ('children' in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(doc.tree);
  return found.sort((a, b) => a.span.start.offset - b.span.start.offset);
}

interface Applied {
  kept: Diagnostic[];
  /** Directives (and the rule ids in them) that suppressed nothing. */
  unused: { directive: SuppressionDirective; rule: string | null }[];
}

const applies = (rules: readonly string[], ruleId: string): boolean => rules.length === 0 || rules.includes(ruleId);

/** Drops suppressed diagnostics and tells which directives did nothing. */
export function applySuppressions(diagnostics: readonly Diagnostic[], directives: readonly SuppressionDirective[]): Applied {
  const used = new Map<SuppressionDirective, Set<string | null>>();
  const markUsed = (directive: SuppressionDirective, ruleId: string): void => {
    const set = used.get(directive) ?? new Set();
    set.add(directive.rules.length === 0 ? null : ruleId);
    used.set(directive, set);
  };
  const kept: Diagnostic[] = [];
  for (const d of diagnostics) {
    let by: SuppressionDirective | undefined;
    for (const directive of directives) {
      if (!applies(directive.rules, d.ruleId)) continue;
      if (directive.kind === 'disable-file') by = directive;
      else if (directive.kind === 'disable-next-line' && d.line === directive.span.end.line + 1) by = directive;
      if (by) break;
    }
    if (!by) {
      // The last disable/enable before the diagnostic that concerns its rule decides.
      for (const directive of directives) {
        if (directive.span.start.line > d.line) break;
        if (directive.span.start.line === d.line && directive.span.start.column > d.column) break;
        if (!applies(directive.rules, d.ruleId)) continue;
        if (directive.kind === 'disable') by = directive;
        else if (directive.kind === 'enable') by = undefined;
      }
    }
    if (by) markUsed(by, d.ruleId);
    else kept.push(d);
  }
  const unused: Applied['unused'] = [];
  for (const directive of directives) {
    if (directive.kind === 'enable') continue;
    const hit = used.get(directive);
    if (directive.rules.length === 0) {
      if (!hit) unused.push({ directive, rule: null });
    } else {
      for (const rule of directive.rules) if (!hit?.has(rule)) unused.push({ directive, rule });
    }
  }
  return { kept, unused };
}
