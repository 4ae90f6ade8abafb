import { rules } from '../../../rules/index.js';
import type { Diagnostic, LintResult } from '../../core/types.js';
import { version } from '../../util/version.js';
import type { Completeness } from './html/completeness.js';
import { diagnosticCss, renderDiagnosticItem, sourceContext } from './html/diagnostic.js';
import { escapeHtml } from './html/escape.js';
import { reportCss, reportScript } from './html/page.js';
import { type FileDetails, type Formatter, totals } from './types.js';

const NO_TEMPLATE = '(none)';
const NO_STATUS = '(no status)';

interface Count {
  errors: number;
  warnings: number;
  files: Set<string>;
}

function countBy(results: readonly LintResult[], keyOf: (result: LintResult, d: Diagnostic | null) => string, perDiagnostic: boolean): Map<string, Count> {
  const counts = new Map<string, Count>();
  const add = (key: string, result: LintResult, d: Diagnostic | null): void => {
    const count = counts.get(key) ?? { errors: 0, warnings: 0, files: new Set<string>() };
    if (d?.severity === 'error') count.errors++;
    else if (d) count.warnings++;
    count.files.add(result.path);
    counts.set(key, count);
  };
  for (const result of results) {
    if (!perDiagnostic) add(keyOf(result, null), result, null);
    for (const d of result.diagnostics) add(keyOf(result, d), result, d);
  }
  return counts;
}

function summaryTable(id: string, caption: string, keyName: string, rows: Array<[string, Count]>, keyCell: (key: string) => string): string {
  const body = rows
    .map(
      ([key, c]) =>
        `<tr data-key="${escapeHtml(key)}"><th scope="row">${keyCell(key)}</th><td data-count="errors">${c.errors}</td><td data-count="warnings">${c.warnings}</td><td data-count="files">${c.files.size}</td></tr>`,
    )
    .join('');
  return `<table id="${id}" class="summary sortable"><caption>${caption}</caption><thead><tr><th scope="col">${keyName}</th><th scope="col">Errors</th><th scope="col">Warnings</th><th scope="col">Files</th></tr></thead><tbody>${body}</tbody></table>`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function completenessBar(c: Completeness): string {
  if (c.required === 0) return '<p class="completeness">The template requires no sections.</p>';
  const present = Math.round((100 * c.present) / c.required);
  const filled = Math.round((100 * c.filled) / c.required);
  const label = `${c.present} of ${c.required} required sections present, ${c.filled} filled`;
  const missing = c.missing.length ? ` Missing: ${c.missing.map(escapeHtml).join(', ')}.` : '';
  const unfilled = c.unfilled.length ? ` Not written yet: ${c.unfilled.map(escapeHtml).join(', ')}.` : '';
  return `<div class="completeness"><div class="bar" role="img" aria-label="${label}"><span class="present" style="width:${present}%"></span><span class="filled" style="width:${filled}%"></span></div><span class="bar-label">${label}.${missing}${unfilled}</span></div>`;
}

function fileSection(result: LintResult, details: FileDetails | undefined, index: number): string {
  const { errors, warnings } = totals([result]);
  const status = details?.status ?? null;
  const completeness = details?.completeness ?? null;
  const ratio = completeness && completeness.required > 0 ? completeness.filled / completeness.required : completeness ? 1 : -1;
  const lines = details?.lines ?? null;
  const items = result.diagnostics.map((d, k) =>
    renderDiagnosticItem(d, { ruleDocHref: (id) => `#rule-${id}`, index: k, ...(lines ? { context: sourceContext(lines, d.line) } : {}) }),
  );
  const attributes = [
    `data-path="${escapeHtml(result.path)}"`,
    `data-template="${escapeHtml(result.template ?? NO_TEMPLATE)}"`,
    `data-status="${escapeHtml(status ?? NO_STATUS)}"`,
    `data-errors="${errors}"`,
    `data-warnings="${warnings}"`,
    `data-completeness="${ratio.toFixed(3)}"`,
    `data-order="${index}"`,
  ].join(' ');
  const facts = [
    `template <code>${escapeHtml(result.template ?? NO_TEMPLATE)}</code>`,
    `status <strong>${escapeHtml(status ?? NO_STATUS)}</strong>`,
    errors + warnings === 0 ? 'no problems' : `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`,
  ].join(' · ');
  return `<article class="spec" ${attributes}><h3>${escapeHtml(result.path)}</h3><p class="facts">${facts}</p>${completeness ? completenessBar(completeness) : ''}${
    items.length ? `<ul class="diagnostics">${items.join('')}</ul>` : ''
  }</article>`;
}

function options(values: Iterable<string>, all: string): string {
  return [`<option value="">${all}</option>`, ...[...new Set(values)].sort().map((v) => `<option value="${escapeHtml(v)}">${escapeHtml(v)}</option>`)].join('');
}

/**
 * One self-contained HTML page (inline style and script, nothing loaded from the network) for
 * people: counts per rule, template and status, each spec's completeness and its problems with the
 * source around them, filterable, sortable and printable. Everything from the specs is escaped.
 */
export const html: Formatter = (results, context) => {
  const sum = totals(results);
  const byRule = countBy(results, (_r, d) => d?.ruleId ?? '', true);
  const byTemplate = countBy(results, (r) => r.template ?? NO_TEMPLATE, false);
  const byStatus = countBy(results, (r) => context.details?.get(r.path)?.status ?? NO_STATUS, false);
  const byCount = (a: [string, Count], b: [string, Count]): number => b[1].errors + b[1].warnings - (a[1].errors + a[1].warnings) || b[1].files.size - a[1].files.size || a[0].localeCompare(b[0]);
  const usedRules = [...byRule.keys()];
  const ruleDocs = usedRules
    .sort()
    .map((id) => {
      const meta = rules.find((rule) => rule.meta.id === id)?.meta;
      const about = meta ? `${escapeHtml(meta.description)} Default severity: ${meta.severity}. More in <code>rules/${escapeHtml(id)}.md</code> of speclint.` : 'Reported by speclint itself.';
      return `<dt id="rule-${escapeHtml(id)}"><code>${escapeHtml(id)}</code></dt><dd>${about}</dd>`;
    })
    .join('');
  const suppressed = context.baselineSuppressed ? ` · ${context.baselineSuppressed} suppressed by the baseline` : '';
  const severities = new Set(results.flatMap((r) => r.diagnostics.map((d) => d.severity)));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>speclint report: ${sum.errors} errors, ${sum.warnings} warnings in ${sum.files} files</title>
<style>${diagnosticCss}${reportCss}</style>
</head>
<body>
<header>
<h1>speclint report</h1>
<p id="totals" data-files="${sum.files}" data-errors="${sum.errors}" data-warnings="${sum.warnings}">${sum.files} files · ${sum.errors} errors · ${sum.warnings} warnings${suppressed} · speclint ${escapeHtml(version)}</p>
</header>
<main>
<section aria-labelledby="summary-heading" class="summaries">
<h2 id="summary-heading">Summary</h2>
${summaryTable('by-rule', 'Problems per rule', 'Rule', [...byRule].sort(byCount), (id) => `<a href="#rule-${escapeHtml(id)}"><code>${escapeHtml(id)}</code></a>`)}
${summaryTable('by-template', 'Specs per template', 'Template', [...byTemplate].sort(byCount), (id) => `<code>${escapeHtml(id)}</code>`)}
${summaryTable('by-status', 'Specs per status', 'Status', [...byStatus].sort((a, b) => b[1].files.size - a[1].files.size || a[0].localeCompare(b[0])), escapeHtml)}
</section>
<section aria-labelledby="specs-heading">
<h2 id="specs-heading">Specs</h2>
<form class="controls" aria-label="Filter and sort">
<label>Rule <select id="filter-rule">${options(usedRules, 'all rules')}</select></label>
<label>Severity <select id="filter-severity">${options(severities, 'all severities')}</select></label>
<label>Template <select id="filter-template">${options(results.map((r) => r.template ?? NO_TEMPLATE), 'all templates')}</select></label>
<label>Sort by <select id="sort"><option value="path">path</option><option value="problems">most problems</option><option value="completeness">least complete</option></select></label>
<label><input type="checkbox" id="only-problems"> only specs with problems</label>
<output id="shown" aria-live="polite"></output>
</form>
<div id="specs">
${results.map((result, index) => fileSection(result, context.details?.get(result.path), index)).join('\n')}
</div>
</section>
<section aria-labelledby="rules-heading">
<h2 id="rules-heading">Rules in this report</h2>
<dl class="rules">${ruleDocs}</dl>
</section>
</main>
<script>${reportScript}</script>
</body>
</html>
`;
};
