import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config/load.js';
import { ResyncingMessageReader } from '../../../src/lsp/frame-reader.js';
import type { SpecFacts } from '../../../src/repository/facts.js';
import { withRepositoryDiagnostics } from '../../../src/repository/run.js';
import { deriveTemplate } from '../../../src/template/derive.js';

/** Runs per property in CI; `npm run fuzz` sets FUZZ_RUNS for a longer run from the same seeds. */
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const dir = mkdtempSync(join(tmpdir(), 'speclint-fuzz-'));
mkdirSync(join(dir, '.git'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CONFIG_PIECES = ['rules:', 'templates:', 'overrides:', 'placeholders:', 'identity:', '  - ', '  ', '&a', '*a', '<<: *a', '[', ']', '{', '}', ':', ',', '"', "'", '#', '\t', '\n', '\uFEFF', '\u0000', '!!binary', '!custom', '- files: ["*.md"]', 'section-order: error', 'x'];

describe('fuzzing: configs (fast-check, fixed seed)', () => {
  it('any config text is read or refused with ConfigError lines, never another exception', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...CONFIG_PIECES), fc.string({ maxLength: 8 })), { maxLength: 40 }), fc.boolean(), (parts, json) => {
        const file = join(dir, json ? 'speclint.config.json' : 'speclint.config.yaml');
        writeFileSync(file, parts.join(json ? '' : ' '));
        try {
          loadConfig(file, dir);
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigError);
          for (const line of (error as ConfigError).problems) expect(line).not.toBe('');
        }
      }),
      { seed: 1801, numRuns: FUZZ_RUNS },
    );
  });
});

describe('fuzzing: language server frames (fast-check, fixed seed)', () => {
  const frame = (id: number): Buffer => {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', id, method: 'x' }));
    return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]);
  };
  it('after any garbage, a frame that follows it whole is delivered; bytes can arrive in any chunks', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.array(fc.integer({ min: 1, max: 50 }), { maxLength: 20 }), (garbage, cuts) => {
        const input = new PassThrough();
        const got: number[] = [];
        const reader = new ResyncingMessageReader(input);
        reader.listen((message) => got.push((message as unknown as { id: number }).id));
        const bytes = Buffer.concat([frame(1), Buffer.from(garbage), Buffer.from('\r\n\r\n'), frame(2), frame(3)]);
        let at = 0;
        for (const cut of cuts) {
          input.write(bytes.subarray(at, at + cut));
          at += cut;
        }
        input.write(bytes.subarray(at));
        expect(got[0]).toBe(1);
        expect(got.slice(-2)).toEqual([2, 3]);
      }),
      { seed: 1802, numRuns: FUZZ_RUNS },
    );
  });
});

describe('fuzzing: derived heading patterns are linear-time (fast-check, fixed seed)', () => {
  const words = ['[A]', '[B]', '{x}', '<y>', 'XXXX', 'NNN', '-', ':', 'Part', '1', ' ', '  '];
  it('any template title matches any 5,000-character heading within 500 ms (no backtracking)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 16 }), fc.array(fc.constantFrom('a', ' ', ':', '-', '1', 'x', '\u2028'), { minLength: 1, maxLength: 8 }), (title, unit) => {
        const template = deriveTemplate(`# ${title.join(' ')}\n\n## Summary\n\nText.\n`, { id: 't', source: 't.md' });
        if (!template.title) return;
        const pattern = new RegExp(template.title.pattern, 'i');
        const heading = unit.join('').repeat(Math.ceil(5_000 / unit.length));
        const started = performance.now();
        pattern.test(heading);
        // Linear takes a millisecond or two; backtracking through the ways of splitting it, minutes.
        expect(performance.now() - started).toBeLessThan(500);
      }),
      { seed: 1803, numRuns: FUZZ_RUNS },
    );
  });
});

describe('repository rules are bounded', () => {
  it('one spec with 60,000 unresolved references among 2,000 specs adds seconds, not tens of seconds', () => {
    const facts = (k: number, references: SpecFacts['references']): SpecFacts => ({
      idField: 'id',
      id: { value: `TS-${String(k).padStart(4, '0')}`, at: { line: 1, column: 1, endLine: 1, endColumn: 8 }, section: '' },
      title: `Spec ${k}`,
      status: null,
      created: null,
      updated: null,
      references,
      hasField: { supersedes: null, supersededBy: null },
      supersededStatus: null,
      rules: {},
      suppressions: [],
    });
    const broken = Array.from({ length: 60_000 }, (_, r) => ({
      value: `TS-${90_000 + r}`,
      at: { line: 2, column: 1, endLine: 2, endColumn: 9 },
      section: '',
      field: 'Related',
      relation: 'refers' as const,
      target: null,
    }));
    const files = Array.from({ length: 2_000 }, (_, k) => ({
      result: { path: `s${k}.md`, template: null, diagnostics: [] },
      absolutePath: join(dir, `s${k}.md`),
      facts: facts(k, k === 0 ? broken : []),
    }));
    const started = Date.now();
    const out = withRepositoryDiagnostics(files, () => false);
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(out[0]?.result.diagnostics.length).toBeGreaterThan(0);
  });
});
