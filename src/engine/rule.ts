import type { Lifecycle } from '../content/lifecycle.js';
import type { ZodType } from 'zod';
import type { SpecDocument } from '../document/index.js';
import type { Alignment } from '../template/align.js';
import type { FactValue, SpecFacts } from '../repository/facts.js';
import type { TemplateChoice } from '../template/choose.js';
import type { Identity } from '../template/identity.js';
import type { Template } from '../template/schema.js';
import type { TableFinding } from '../template/tables.js';
import type { Fix, Severity, Span } from '../core/types.js';

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
  /** How this spec names itself and others: its template's identity with the config's on top. */
  identity: Identity;
  /** The rule's options, parsed by meta.options (defaults filled in); undefined for rules without options. */
  options: unknown;
  /** The outline aligned with the template, computed once and shared by all structure rules. */
  alignment(): Alignment;
  tableFindings(): TableFinding[];
  report(report: Report): void;
  /** The id of every rule speclint has (for the rule that checks the ids named in directives). */
  ruleIds: readonly string[];
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}

/** A spec of the linted set, as repository rules see it. */
export interface SpecInSet {
  /** The path as reported. */
  path: string;
  absolutePath: string;
  facts: SpecFacts;
}

export interface RepositoryReport {
  spec: SpecInSet;
  /** The value the problem is about (an id, a reference, a status). */
  at: FactValue;
  message: string;
  hint?: string | undefined;
}

export interface RepositoryContext {
  /** Every linted spec, in the order of the run. */
  specs: readonly SpecInSet[];
  /** Whether a file exists (references may name files that are not specs). */
  fileExists(absolutePath: string): boolean;
  report(report: RepositoryReport): void;
}

/** A rule over the whole linted set (ids, references), run after every file is linted. */
export interface RepositoryRule {
  meta: RuleMeta;
  scope: 'repository';
  checkRepository(context: RepositoryContext): void;
}

export type AnyRule = Rule | RepositoryRule;

export function isRepositoryRule(rule: AnyRule): rule is RepositoryRule {
  return 'scope' in rule && rule.scope === 'repository';
}
