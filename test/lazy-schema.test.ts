import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { lazySchema } from '../src/util/lazy-schema.js';
import { MetadataFieldSchema, SectionSpecSchema, TableSpecSchema, TemplateSchema } from '../src/template/schema.js';
import { IdentitySchema } from '../src/template/identity.js';
import { diagnosticAnchorSchema, diagnosticDataSchema, diagnosticSchema, diagnosticValueSchema, fixSchema, relatedLocationSchema } from '../src/core/types.js';
import { specFactsSchema } from '../src/repository/facts-schema.js';
import { jsonReportSchema } from '../src/report/report-schema.js';

describe('lazySchema', () => {
  it('builds the schema on first use, once', () => {
    let builds = 0;
    const schema = lazySchema(() => {
      builds++;
      return z.object({ n: z.number().int() });
    });
    expect(builds).toBe(0);
    expect(schema.parse({ n: 1 })).toEqual({ n: 1 });
    expect(schema.safeParse({ n: 1.5 }).success).toBe(false);
    expect(builds).toBe(1);
  });

  it('stands in for the schema inside other schemas, and is one to zod', () => {
    let builds = 0;
    const inner = lazySchema(() => {
      builds++;
      return z.object({ line: z.number().int().positive() });
    });
    const outer = lazySchema(() => z.object({ at: z.array(inner).min(1), note: inner.optional() }));
    expect(builds).toBe(0);
    expect(outer.safeParse({ at: [{ line: 2 }], note: { line: 3 } }).success).toBe(true);
    const failed = outer.safeParse({ at: [{ line: 0 }] });
    expect(failed.success).toBe(false);
    expect(failed.error?.issues[0]?.path).toEqual(['at', 0, 'line']);
    expect(inner instanceof z.ZodType).toBe(true);
    expect(Object.keys(inner.shape)).toEqual(['line']);
    expect(z.toJSONSchema(outer)).toMatchObject({ type: 'object', required: ['at'] });
  });

  it('keeps the recursive and shared schemas speclint builds lazily working', () => {
    const leaf = { title: 'B', key: 'b', pattern: null, level: 3, required: false, repeatable: false, tables: [], guidance: '', mustResolve: false, children: [] };
    const section = { ...leaf, title: 'A', key: 'a', level: 2, children: [leaf] };
    expect(SectionSpecSchema.safeParse(section).success).toBe(true);
    expect(SectionSpecSchema.safeParse({ ...section, children: [{ ...leaf, level: 7 }] }).success).toBe(false);
    expect(TemplateSchema.safeParse({}).success).toBe(false);
    const diagnostic = { ruleId: 'x', severity: 'error', message: 'm', line: 1, column: 1, endLine: 1, endColumn: 2 };
    expect(diagnosticSchema.safeParse(diagnostic).success).toBe(true);
    expect(diagnosticSchema.safeParse({ ...diagnostic, severity: 'fatal' }).success).toBe(false);
  });

  it('builds every schema speclint makes lazily without an error (a builder bug shows here, not mid-run)', () => {
    const schemas = { TableSpecSchema, SectionSpecSchema, MetadataFieldSchema, TemplateSchema, IdentitySchema, fixSchema, diagnosticAnchorSchema, diagnosticValueSchema, diagnosticDataSchema, relatedLocationSchema, diagnosticSchema, specFactsSchema, jsonReportSchema };
    for (const [name, schema] of Object.entries(schemas)) expect(schema instanceof z.ZodType, name).toBe(true);
    expect(jsonReportSchema.safeParse({ files: [] }).success).toBe(false);
  });

  it('takes a property defined on it, as the schema would', () => {
    const schema = lazySchema(() => z.string());
    Object.defineProperty(schema, 'note', { value: 1, configurable: false });
    expect((schema as unknown as { note: number }).note).toBe(1);
    expect(Object.getOwnPropertyDescriptor(schema, 'note')).toMatchObject({ value: 1, configurable: false });
    Object.defineProperty(schema, 'tag', { value: 'x', configurable: true, writable: true });
    expect(delete (schema as unknown as { tag?: string }).tag).toBe(true);
    expect('tag' in schema).toBe(false);
    expect(schema.parse('ok')).toBe('ok');
  });
});
