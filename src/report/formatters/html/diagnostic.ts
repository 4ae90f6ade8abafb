import type { Diagnostic } from '../../../core/types.js';
import { escapeHtml } from './escape.js';

/**
 * One diagnostic as an HTML list item, shared by the playground and the HTML report, with the hooks
 * tests and scripts rely on: data-rule, data-line and data-severity.
 */
export interface DiagnosticItemOptions {
  /** Where the rule's documentation is. */
  ruleDocHref: (ruleId: string) => string;
  /** The item's index in its list, carried in data-index for the page's own script. */
  index: number;
  /** Buttons to go to the problem and, for a diagnostic with a fix, to apply it (the playground's editor does both). */
  editorButtons?: boolean;
  /** The source lines around the problem (the report shows them). */
  context?: SourceContext;
}

export interface SourceContext {
  /** 1-based number of the first line given. */
  firstLine: number;
  lines: readonly string[];
}

/** The lines around `line` (1-based): `radius` before and after, within the text. */
export function sourceContext(sourceLines: readonly string[], line: number, radius = 2): SourceContext {
  const first = Math.max(1, line - radius);
  const last = Math.min(sourceLines.length, line + radius);
  return { firstLine: first, lines: sourceLines.slice(first - 1, last) };
}

function renderContext(context: SourceContext, d: Diagnostic): string {
  const rows = context.lines.map((text, k) => {
    const number = context.firstLine + k;
    const marked = number >= d.line && number <= Math.max(d.line, d.endLine - (d.endColumn === 1 && d.endLine > d.line ? 1 : 0));
    return `<span class="src-line${marked ? ' src-hit' : ''}"><span class="src-no">${number}</span>${escapeHtml(text) || ' '}</span>`;
  });
  return `<pre class="src" aria-label="Source around line ${d.line}">${rows.join('')}</pre>`;
}

export function renderDiagnosticItem(d: Diagnostic, options: DiagnosticItemOptions): string {
  const rule = escapeHtml(d.ruleId);
  const attributes = `class="diagnostic sev-${d.severity}" data-rule="${rule}" data-line="${d.line}" data-column="${d.column}" data-severity="${d.severity}" data-index="${options.index}"${d.fatal ? ' data-fatal="true"' : ''}`;
  const where = `${d.line}:${d.column}`;
  const parts = [
    options.editorButtons
      ? `<button type="button" class="goto" data-action="goto" aria-label="Line ${where}: go to the problem">${where}</button>`
      : `<span class="goto">${where}</span>`,
    `<span class="sev">${d.severity}</span>`,
    `<span class="msg">${escapeHtml(d.message)}</span>`,
    `<a class="rule" href="${escapeHtml(options.ruleDocHref(d.ruleId))}">${rule}</a>`,
  ];
  if (d.hint) parts.push(`<div class="hint">${escapeHtml(d.hint)}</div>`);
  if (options.editorButtons && d.fix) parts.push(`<button type="button" class="fix" data-action="fix">Quick fix</button>`);
  if (options.context) parts.push(renderContext(options.context, d));
  return `<li ${attributes}>${parts.join(' ')}</li>`;
}

/** The style both pages give diagnostics. */
export const diagnosticCss = `
.diagnostics{list-style:none;margin:0;padding:0}
.diagnostic{padding:.4rem .5rem;border-left:4px solid #b58900;margin:.25rem 0;background:#fffdf5}
.diagnostic.sev-error{border-left-color:#c0392b;background:#fff6f5}
.diagnostic .goto{font:inherit;font-family:ui-monospace,monospace;background:none;border:1px solid #999;border-radius:3px;cursor:pointer;padding:0 .3rem}
.diagnostic .sev{font-size:.8em;text-transform:uppercase;font-weight:bold;color:#8a6d00}
.diagnostic.sev-error .sev{color:#a93226}
.diagnostic .rule{font-family:ui-monospace,monospace;font-size:.9em;margin-left:.3rem}
.diagnostic .hint{color:#444;font-size:.9em;margin-top:.2rem}
.diagnostic .fix{margin-top:.3rem;font:inherit;font-size:.85em;cursor:pointer}
.src{margin:.3rem 0 0;padding:.3rem;background:#f4f4f4;overflow-x:auto;font-size:.85em;line-height:1.35}
.src-line{display:block;white-space:pre}
.src-hit{background:#ffe3a3}
.src-no{display:inline-block;min-width:3.5em;color:#777;user-select:none}
`;
