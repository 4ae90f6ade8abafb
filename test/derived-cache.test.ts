import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deriveTemplate } from '../src/template/derive.js';
import { deriveTemplateCached } from '../src/template/derived-cache.js';
import { setBuildId } from '../src/util/user-cache.js';

const TEMPLATE = '# Proposal: [Title]\n\n## Summary\n\n[One paragraph.]\n\n## Design\n\n[How it works.]\n';
const OPTIONS = { id: 'proposal', source: 'proposal.md' };
const FILE = '/specs/templates/proposal.md';
const BUILD_ID = Symbol.for('speclint.buildId');

describe('derived templates reused across runs', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'speclint-derived-'));
    process.env.SPECLINT_COMPILE_CACHE_DIR = dir;
    setBuildId('build-a');
  });
  afterEach(() => {
    delete process.env.SPECLINT_COMPILE_CACHE_DIR;
    delete (globalThis as Record<symbol, unknown>)[BUILD_ID];
    rmSync(dir, { recursive: true, force: true });
  });
  const files = (): string[] => readdirSync(dir).filter((f) => f.startsWith('template-'));

  it('are the template the derivation gives, from the cache on the second run', () => {
    const first = deriveTemplateCached(TEMPLATE, OPTIONS, FILE);
    expect(first).toEqual(deriveTemplate(TEMPLATE, OPTIONS));
    expect(files()).toHaveLength(1);
    const file = join(dir, files()[0] as string);
    // What the cache holds (the JSON after its length) is what a second run gets.
    const [length, json] = readFileSync(file, 'utf8').split('\n');
    expect(length).toBe(String(json?.length));
    const cached = JSON.parse(json as string);
    expect(cached).toMatchObject({ markdown: TEMPLATE, options: JSON.stringify(OPTIONS) });
    cached.template.description = 'from the cache';
    const edited = JSON.stringify(cached);
    writeFileSync(file, `${edited.length}\n${edited}`);
    expect(deriveTemplateCached(TEMPLATE, OPTIONS, FILE).description).toBe('from the cache');
  });

  it('are one file per build, options and template file, which a new text of the template replaces', () => {
    deriveTemplateCached(TEMPLATE, OPTIONS, FILE);
    const edited = `${TEMPLATE}\n## Risks\n`;
    expect(deriveTemplateCached(edited, OPTIONS, FILE)).toEqual(deriveTemplate(edited, OPTIONS));
    expect(files()).toHaveLength(1);
    expect(readFileSync(join(dir, files()[0] as string), 'utf8')).toContain('## Risks');
    deriveTemplateCached(TEMPLATE, { ...OPTIONS, id: 'other' }, FILE);
    // The same path as written (source) from another folder: another file.
    deriveTemplateCached(TEMPLATE, OPTIONS, '/other/templates/proposal.md');
    setBuildId('build-b');
    deriveTemplateCached(TEMPLATE, OPTIONS, FILE);
    expect(files()).toHaveLength(4);
  });

  it('are derived again, and the file rewritten, when the cached one is not exactly as written', () => {
    deriveTemplateCached(TEMPLATE, OPTIONS, FILE);
    const file = join(dir, files()[0] as string);
    const written = readFileSync(file, 'utf8');
    const json = written.slice(written.indexOf('\n') + 1);
    const edited = json.replace('"proposal"', '"other"');
    expect(edited.length).not.toBe(json.length);
    // Cut short, not JSON, edited to another length, no length, an old file of bare JSON, a wrong
    // length, and not JSON with its right length (made by hand).
    for (const bad of [written.slice(0, -10), '{"truncated', `${json.length}\n${edited}`, `\n${json}`, json, `${json.length + 1}\n${json}`, '1\n{']) {
      writeFileSync(file, bad);
      expect(deriveTemplateCached(TEMPLATE, OPTIONS, FILE)).toEqual(deriveTemplate(TEMPLATE, OPTIONS));
      expect(readFileSync(file, 'utf8')).toBe(written);
    }
  });

  it('are not used for another text, or for other options whose file name collides', () => {
    deriveTemplateCached(TEMPLATE, OPTIONS, FILE);
    const file = join(dir, files()[0] as string);
    const written = readFileSync(file, 'utf8');
    const entry = JSON.parse(written.slice(written.indexOf('\n') + 1));
    for (const other of [{ ...entry, markdown: `${TEMPLATE}\n## Risks\n` }, { ...entry, options: JSON.stringify({ ...OPTIONS, id: 'other' }) }]) {
      const json = JSON.stringify({ ...other, template: { ...entry.template, description: 'not this one' } });
      writeFileSync(file, `${json.length}\n${json}`);
      expect(deriveTemplateCached(TEMPLATE, OPTIONS, FILE)).toEqual(deriveTemplate(TEMPLATE, OPTIONS));
      expect(readFileSync(file, 'utf8')).toBe(written);
    }
  });

  it('are not kept where speclint runs from its sources (no build id) or the cache is off', () => {
    delete (globalThis as Record<symbol, unknown>)[BUILD_ID];
    deriveTemplateCached(TEMPLATE, OPTIONS, FILE);
    expect(files()).toHaveLength(0);
    setBuildId('build-a');
    process.env.SPECLINT_NO_COMPILE_CACHE = '1';
    try {
      deriveTemplateCached(TEMPLATE, OPTIONS, FILE);
      expect(files()).toHaveLength(0);
    } finally {
      delete process.env.SPECLINT_NO_COMPILE_CACHE;
    }
  });
});
