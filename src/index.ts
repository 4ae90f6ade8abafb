/** speclint's public API. */
export { lintText } from './lint.js';
export type { LintTextOptions, DocumentLintResult } from './lint.js';
export { runRules } from './engine.js';
export { buildDocument } from './document/index.js';
export type { SpecDocument, Section, SpecTable, Metadata, MetadataEntry } from './document/index.js';
export { deriveTemplate, TemplateError } from './template/derive.js';
export { TemplateRegistry } from './template/registry.js';
export { builtinTemplates, BUILTIN_TEMPLATES } from './template/builtin.js';
export type { Template, SectionSpec, MetadataField, TableSpec } from './template/schema.js';
export { formatters } from './formatters/index.js';
export type { Formatter } from './formatters/index.js';
export { rules } from '../rules/index.js';
export type { Rule, RuleContext, RuleMeta } from './rule.js';
export type { Diagnostic, LintResult, Severity } from './types.js';
export { ConfigError, findConfigFile, loadConfig } from './config/load.js';
export type { ResolvedConfig } from './config/load.js';
export { configJsonSchema } from './config/schema.js';
