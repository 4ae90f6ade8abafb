import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { resolveRule } from '../src/engine/resolve-rule.js';
import { rules } from '../rules/index.js';

const plain = { meta: { id: 'plain', description: '', severity: 'warning' as const, needsTemplate: false } };
const strict = { meta: { ...plain.meta, id: 'strict', lifecycle: true } };
const withOptions = { meta: { ...plain.meta, id: 'opts', options: z.object({ max: z.number().default(3) }) } };

describe('resolveRule: the one place a rule\'s severity and options are decided', () => {
  it('takes the configured setting, else the default', () => {
    expect(resolveRule(plain, {}).setting).toBe('warning');
    expect(resolveRule(plain, { severities: { plain: 'error' } }).setting).toBe('error');
    expect(resolveRule(plain, { severities: { plain: 'off' } }).setting).toBe('off');
  });

  it('gives a lifecycle-strict rule at its default error in a final status, warning otherwise', () => {
    expect(resolveRule(strict, {}, { final: true })).toMatchObject({ setting: 'error', byLifecycle: true });
    expect(resolveRule(strict, {}, { final: false })).toMatchObject({ setting: 'warning', byLifecycle: true });
    expect(resolveRule(strict, {})).toMatchObject({ setting: 'warning', byLifecycle: true });
    expect(resolveRule(strict, { severities: { strict: 'warning' } }, { final: true })).toMatchObject({ setting: 'warning', byLifecycle: false });
  });

  it('parses the options with their defaults', () => {
    expect(resolveRule(withOptions, {}).options).toEqual({ max: 3 });
    expect(resolveRule(withOptions, { ruleOptions: { opts: { max: 5 } } }).options).toEqual({ max: 5 });
    expect(resolveRule(plain, { ruleOptions: { plain: { max: 5 } } }).options).toBeUndefined();
  });

  it("takes a rule's written-out defaults when nothing is configured, without parsing", () => {
    let parses = 0;
    const counted = z.object({ max: z.number().default(3) }).transform((value) => {
      parses++;
      return value;
    });
    const withDefaults = { meta: { ...plain.meta, id: 'written', options: counted, defaults: { max: 3 } } };
    expect(resolveRule(withDefaults, {}).options).toEqual({ max: 3 });
    expect(parses).toBe(0);
    expect(resolveRule(withDefaults, { ruleOptions: { written: { max: 4 } } }).options).toEqual({ max: 4 });
    expect(parses).toBe(1);
  });

  it("has every built-in rule's written-out defaults equal to what its schema gives", () => {
    const optioned = rules.filter((rule) => rule.meta.options);
    expect(optioned.length).toBeGreaterThan(0);
    for (const rule of optioned) expect({ id: rule.meta.id, defaults: rule.meta.defaults }).toEqual({ id: rule.meta.id, defaults: rule.meta.options?.parse({}) });
  });
});
