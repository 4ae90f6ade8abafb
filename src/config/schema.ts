import type { z } from 'zod';
import { rules } from '../../rules/index.js';
import { MAX_PLACEHOLDER_LENGTH } from '../input/limits.js';
import { IdentityConfigSchema } from '../template/identity.js';
import { lazySchema } from '../util/lazy-schema.js';
import { zod } from '../util/zod.js';

const SeveritySetting = lazySchema((z) => z.enum(['off', 'warning', 'error']));

/** `"error"`, or `{ "severity": "error", "options": {…} }` with the rule's own options schema. */
function ruleEntry(options: z.ZodType | undefined) {
  const z = zod();
  const object = z
    .object({
      severity: SeveritySetting.optional(),
      ...(options ? { options: options.optional() } : {}),
    })
    .strict();
  return z.union([SeveritySetting, object]);
}

function rulesSchema() {
  const z = zod();
  const shape: Record<string, z.ZodType> = {};
  for (const rule of rules) shape[rule.meta.id] = ruleEntry(rule.meta.options).optional().describe(rule.meta.description);
  return z.object(shape).strict().meta({ id: 'rules' });
}

const globs = lazySchema((z) => z.array(z.string().min(1)).min(1));

let cached: ReturnType<typeof buildConfigSchema> | undefined;

/** The configuration file, as written (built once: the rule map is registered under the id "rules"). */
export function configSchema(): ReturnType<typeof buildConfigSchema> {
  cached ??= buildConfigSchema();
  return cached;
}

function buildConfigSchema() {
  return configObject(rulesSchema());
}

/**
 * The configuration file's one schema. `ruleMap` is what a `rules` map holds: each rule's entry and
 * options (for the JSON Schema), or any record, which loading checks rule by rule for clearer messages.
 */
export function configObject<RuleMap extends z.ZodType>(ruleMap: RuleMap) {
  const z = zod();
  return z
    .object({
      $schema: z.string().optional().describe('JSON Schema for editor completion'),
      extends: z
        .union([z.string().min(1), z.array(z.string().min(1))])
        .optional()
        .describe(
          'Other JSON/YAML configs this one builds on: paths starting with ./ or ../ (relative to this file), or installed package names ("@acme/speclint-config", "pkg/strict.yaml"). Later entries override earlier ones; this file overrides them all',
        ),
      templates: z.array(z.string().min(1)).optional().describe('Template Markdown files or folders of them, relative to this file'),
      rules: ruleMap.optional().describe('Rule severities and options'),
      overrides: z
        .array(
          z
            .object({
              files: globs.describe('Globs, relative to this file, of the specs this entry applies to'),
              template: z.string().min(1).optional().describe('Template id (built-in or from "templates") for these files'),
              rules: ruleMap.optional(),
              identity: IdentityConfigSchema.optional().describe('How these specs name themselves and each other'),
            })
            .strict(),
        )
        .optional()
        .describe('Per-folder settings; later entries win'),
      ignore: z.array(z.string().min(1)).optional().describe('Globs of files never linted, relative to this file'),
      finalStatuses: z.array(z.string().min(1)).optional().describe('Statuses in which leftovers are errors (default: Approved, Implemented, Final, Accepted)'),
      placeholders: z
        .array(z.string().min(1).max(MAX_PLACEHOLDER_LENGTH, `a placeholder is at most ${MAX_PLACEHOLDER_LENGTH} characters`))
        .optional()
        .describe('Extra literal strings that are placeholders'),
      identity: IdentityConfigSchema.optional().describe("How specs name themselves and each other (id field, file names, references), over their templates' directives"),
    })
    .strict();
}

export type SpeclintConfig = z.infer<ReturnType<typeof configSchema>>;
export type RuleEntry = 'off' | 'warning' | 'error' | { severity?: 'off' | 'warning' | 'error'; options?: unknown };

/** The JSON Schema shipped as speclint.config.schema.json. */
export function configJsonSchema(): Record<string, unknown> {
  return {
    ...zod().toJSONSchema(configSchema(), { io: 'input', unrepresentable: 'any' }),
    title: 'speclint configuration',
  };
}
