import type { Lifecycle } from './content/lifecycle.js';
import type { ZodType } from 'zod';
import type { SpecDocument } from './document/index.js';
import type { Alignment } from './template/align.js';
import type { TemplateChoice } from './template/choose.js';
import type { Template } from './template/schema.js';
import type { TableFinding } from './template/tables.js';
import type { Fix, Severity, Span } from './types.js';

export interface RuleMeta {
  id: string;
  /** One line, shown in `speclint rules` and used in rule docs. */
  description: string;
  /** Severity unless configured otherwise. */
  severity: Severity;
  /** Rules that compare against a template do not run when no template fits. */
  needsTemplate: boolean;
  /**
   * Lifecycle-strict rules report errors in a spec whose status is final (Approved, Implemented, …)
   * and warnings otherwise, unless configured to a fixed severity.
   */
  lifecycle?: boolean;
  /** The rule's options, validated from configuration; parse({}) gives the defaults. */
  options?: ZodType;
  /** Whether the rule attaches fixes to (some of) its diagnostics. */
  fixable?: boolean;
}

export interface Report {
  span: Span;
  message: string;
  hint?: string | undefined;
  fix?: Fix | undefined;
  /** For rules whose findings differ in weight; a configured severity still wins. */
  severity?: Severity | undefined;
}

export interface RuleContext {
  document: SpecDocument;
  /** Non-null for rules whose meta.needsTemplate is true. */
  template: Template | null;
  choice: TemplateChoice;
  /** The spec's status and whether it is final. */
  lifecycle: Lifecycle;
  /** The rule's options, parsed by meta.options (defaults filled in); undefined for rules without options. */
  options: unknown;
  /** The outline aligned with the template, computed once and shared by all structure rules. */
  alignment(): Alignment;
  tableFindings(): TableFinding[];
  report(report: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}
