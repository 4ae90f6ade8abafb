import type { Lifecycle } from '../content/lifecycle.js';
import type { ZodType, z } from 'zod';
import type { SpecDocument } from '../document/index.js';
import type { Alignment } from '../template/align.js';
import type { FactValue, SpecFacts } from '../repository/facts.js';
import type { TemplateChoice } from '../template/choose.js';
import type { Identity } from '../template/identity.js';
import type { Template } from '../template/schema.js';
import type { TableFinding } from '../template/tables.js';
import type { DiagnosticData, Fix, Severity, Span } from '../core/types.js';

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
  /**
   * What options.parse({}) gives, written out: a run that configures no options for the rule takes
   * these without building the schema (or, in the CLI's bundle, loading zod). A test holds every
   * built-in rule's to its schema; without them the schema is parsed.
   */
  defaults?: unknown;
  /** Whether the rule attaches fixes to (some of) its diagnostics. */
  fixable?: boolean;
  /**
   * The values its messages quote, as a record (`{ section: 'Data Model' }`): the engine checks each
   * report's `data` against it. Baseline keys and SARIF fingerprints are built from these values,
   * never from the message's wording.
   */
  data?: ZodType<DiagnosticData>;
}

/** Another place that belongs to a problem: the first copy of a duplicate, the spec an id clashes with. */
export interface RelatedSpan {
  span: Span;
  /** What is there ("first copy of 'Dependencies'"). */
  message: string;
}

export interface Report<Data extends DiagnosticData = DiagnosticData> {
  span: Span;
  message: string;
  hint?: string | undefined;
  fix?: Fix | undefined;
  /** For rules whose findings differ in weight; a configured severity still wins. */
  severity?: Severity | undefined;
  /** The values the message quotes (see RuleMeta.data). */
  data?: Data | undefined;
  /** Other places in the same file that belong to the problem. */
  related?: readonly RelatedSpan[] | undefined;
}

export interface RuleContext<Options = unknown, TemplateOf = Template | null, Data extends DiagnosticData = DiagnosticData> {
  document: SpecDocument;
  /** Non-null for rules whose meta.needsTemplate is true. */
  template: TemplateOf;
  choice: TemplateChoice;
  /** The spec's status and whether it is final. */
  lifecycle: Lifecycle;
  /** How this spec names itself and others: its template's identity with the config's on top. */
  identity: Identity;
  /** The rule's options, parsed by meta.options (defaults filled in); undefined for rules without options. */
  options: Options;
  /** The outline aligned with the template, computed once and shared by all structure rules. */
  alignment(): Alignment;
  tableFindings(): TableFinding[];
  report(report: Report<Data>): void;
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

export interface RepositoryReport<Data extends DiagnosticData = DiagnosticData> {
  spec: SpecInSet;
  /** The value the problem is about (an id, a reference, a status). */
  at: FactValue;
  message: string;
  hint?: string | undefined;
  /** The values the message quotes (see RuleMeta.data). */
  data?: Data | undefined;
  /** Places in other specs that belong to the problem (the other spec with the same id). */
  related?: readonly { spec: SpecInSet; at: FactValue; message: string }[] | undefined;
}

export interface RepositoryContext<Data extends DiagnosticData = DiagnosticData> {
  /** Every linted spec, in the order of the run. */
  specs: readonly SpecInSet[];
  /** Whether a file exists (references may name files that are not specs). */
  fileExists(absolutePath: string): boolean;
  report(report: RepositoryReport<Data>): void;
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

type OptionsOf<Schema> = Schema extends ZodType ? z.output<Schema> : undefined;
type DataOf<Schema> = Schema extends ZodType<infer Data extends DiagnosticData> ? Data : DiagnosticData;
type TemplateFor<NeedsTemplate> = NeedsTemplate extends true ? Template : Template | null;

/** A rule's metadata with the shapes defineRule reads its types from. */
export interface TypedRuleMeta<OptionsSchema, NeedsTemplate extends boolean, DataSchema> extends Omit<RuleMeta, 'options' | 'defaults' | 'needsTemplate' | 'data'> {
  needsTemplate: NeedsTemplate;
  options?: OptionsSchema;
  defaults?: OptionsOf<OptionsSchema>;
  data?: DataSchema;
}

/**
 * Declares a document rule with typed options (from meta.options), template (non-null when
 * meta.needsTemplate is true) and report data (from meta.data). The engine keeps these promises: it
 * parses the options with the schema, skips a template rule when no template fits, and checks each
 * report's data against the schema (for a built-in rule, TypeScript and its tests do: see checksDataOf).
 */
export function defineRule<
  const NeedsTemplate extends boolean,
  OptionsSchema extends ZodType | undefined = undefined,
  DataSchema extends ZodType<DiagnosticData> | undefined = undefined,
>(rule: {
  meta: TypedRuleMeta<OptionsSchema, NeedsTemplate, DataSchema>;
  check(context: RuleContext<OptionsOf<OptionsSchema>, TemplateFor<NeedsTemplate>, DataOf<DataSchema>>): void;
}): Rule {
  // The one place the typed context meets the engine's untyped one; run-rules.ts keeps the promises above.
  return rule as unknown as Rule;
}

/** Declares a repository rule with typed report data (from meta.data). */
export function defineRepositoryRule<DataSchema extends ZodType<DiagnosticData> | undefined = undefined>(rule: {
  meta: TypedRuleMeta<undefined, false, DataSchema>;
  checkRepository(context: RepositoryContext<DataOf<DataSchema>>): void;
}): RepositoryRule {
  return { ...(rule as unknown as Omit<RepositoryRule, 'scope'>), scope: 'repository' };
}
