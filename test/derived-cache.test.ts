import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deriveTemplate } from '../src/template/derive.js';
import { deriveTemplateCached } from '../src/template/derived-cache.js';
import { setBuildId } from '../src/util/user-cache.js';

const TEMPLATE = '# Proposal: [Title]\n\n## Summary\n\n[One paragraph.]\n\n## Design\n\n[How it works.]\n';
const OPTIONS = { id: 'proposal', source: 'proposal.md' };
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
    const first = deriveTemplateCached(TEMPLATE, OPTIONS);
    expect(first).toEqual(deriveTemplate(TEMPLATE, OPTIONS));
    expect(files()).toHaveLength(1);
    const [file] = files();
    // What the cache holds is what a second run gets.
    const cached = JSON.parse(readFileSync(join(dir, file as string), 'utf8'));
    cached.description = 'from the cache';
    writeFileSync(join(dir, file as string), JSON.stringify(cached));
    expect(deriveTemplateCached(TEMPLATE, OPTIONS).description).toBe('from the cache');
  });

  it('are keyed by the build, the options and the whole text', () => {
    deriveTemplateCached(TEMPLATE, OPTIONS);
    deriveTemplateCached(`${TEMPLATE}\n## Risks\n`, OPTIONS);
    deriveTemplateCached(TEMPLATE, { ...OPTIONS, id: 'other' });
    setBuildId('build-b');
    deriveTemplateCached(TEMPLATE, OPTIONS);
    expect(files()).toHaveLength(4);
  });

  it('are derived again, and the file rewritten, when the cached one is corrupt or not a template', () => {
    deriveTemplateCached(TEMPLATE, OPTIONS);
    const file = join(dir, files()[0] as string);
    for (const bad of ['{"truncated', JSON.stringify({ id: 'proposal', sections: 'none' })]) {
      writeFileSync(file, bad);
      expect(deriveTemplateCached(TEMPLATE, OPTIONS)).toEqual(deriveTemplate(TEMPLATE, OPTIONS));
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(deriveTemplate(TEMPLATE, OPTIONS));
    }
  });

  it('are not kept where speclint runs from its sources (no build id) or the cache is off', () => {
    delete (globalThis as Record<symbol, unknown>)[BUILD_ID];
    deriveTemplateCached(TEMPLATE, OPTIONS);
    expect(files()).toHaveLength(0);
    setBuildId('build-a');
    process.env.SPECLINT_NO_COMPILE_CACHE = '1';
    try {
      deriveTemplateCached(TEMPLATE, OPTIONS);
      expect(files()).toHaveLength(0);
    } finally {
      delete process.env.SPECLINT_NO_COMPILE_CACHE;
    }
  });
});
