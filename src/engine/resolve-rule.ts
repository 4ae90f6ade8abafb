import type { RuleSetting, Severity } from '../core/types.js';
import type { ZodType } from 'zod';
import type { RuleMeta } from './rule.js';

/** A file's rule settings as the config resolves them (see config/resolve.ts). */
export interface RuleSettings {
  severities?: Readonly<Record<string, RuleSetting>> | undefined;
  ruleOptions?: Readonly<Record<string, unknown>> | undefined;
}

export interface ResolvedRule {
  /** The configured setting, else the default: a lifecycle-strict rule's is error in a final status, warning otherwise. */
  setting: RuleSetting;
  /** The severity comes from the spec's status (a lifecycle-strict rule left at its default). */
  byLifecycle: boolean;
  /** The rule's options with their defaults filled in (meta.options parses them); undefined for a rule without options. */
  options: unknown;
}

/**
 * How one rule runs on one file: its severity (configured, or its default, which for a lifecycle-strict
 * rule depends on whether the spec's status is final) and its options. Without a lifecycle (the
 * status is not known), a lifecycle-strict rule at its default reads as its non-final severity.
 */
export function resolveRule(rule: { meta: RuleMeta }, settings: RuleSettings, lifecycle?: { final: boolean }): ResolvedRule {
  const { id } = rule.meta;
  const configured = settings.severities?.[id];
  const byLifecycle = configured === undefined && rule.meta.lifecycle === true;
  const fallback: Severity = byLifecycle ? (lifecycle?.final ? 'error' : 'warning') : rule.meta.severity;
  return {
    setting: configured ?? fallback,
    byLifecycle,
    options: rule.meta.options ? parsedOptions(rule.meta.options, settings.ruleOptions?.[id], rule.meta.defaults) : undefined,
  };
}

/**
 * A rule's options parsed by its schema, once per schema and configured value: every file of a run
 * shares its config's values, so the schema need not run for each rule of each file. Rules only read
 * their options. A value that fails the schema is not kept (it throws again, every time). Nothing
 * configured: the rule's written-out defaults where it has them (see RuleMeta.defaults).
 */
function parsedOptions(schema: ZodType, configured: unknown, defaults: unknown): unknown {
  if (configured === undefined) {
    if (defaults !== undefined) return defaults;
    if (!DEFAULTS.has(schema)) DEFAULTS.set(schema, schema.parse({}));
    return DEFAULTS.get(schema);
  }
  if (typeof configured !== 'object' || configured === null) return schema.parse(configured);
  let bySchema = PARSED.get(configured);
  if (!bySchema) {
    bySchema = new WeakMap();
    PARSED.set(configured, bySchema);
  }
  if (!bySchema.has(schema)) bySchema.set(schema, schema.parse(configured));
  return bySchema.get(schema);
}
const DEFAULTS = new WeakMap<ZodType, unknown>();
const PARSED = new WeakMap<object, WeakMap<ZodType, unknown>>();
