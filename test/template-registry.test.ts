import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinTemplates } from '../src/template/builtin.js';
import { deriveTemplate } from '../src/template/derive.js';
import { TemplateRegistry } from '../src/template/registry.js';

const dir = mkdtempSync(join(tmpdir(), 'speclint-registry-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const TEMPLATE = '# Proposal: [Title]\n\n## Summary\n\n[One paragraph.]\n\n## Design\n\n[How it works.]\n';

/** A registry whose built-ins say when they are read. */
function counted(): { registry: TemplateRegistry; reads: () => number } {
  let reads = 0;
  const registry = new TemplateRegistry(() => {
    reads++;
    return builtinTemplates();
  });
  return { registry, reads: () => reads };
}

describe('the template registry', () => {
  it('reads the built-ins only when first needed: not for a template file named by its path', () => {
    const file = join(dir, 'proposal.md');
    writeFileSync(file, TEMPLATE);
    const { registry, reads } = counted();
    expect(registry.resolve(file, dir).id).toBe('proposal');
    expect(registry.fileOf('proposal')).toBe(file);
    expect(reads()).toBe(0);
    expect(registry.resolve('design-doc', dir).id).toBe('design-doc');
    expect(reads()).toBe(1);
    expect(registry.all().map((t) => t.id)).toEqual(builtinTemplates().map((t) => t.id));
    // The file read before them is still known by its id.
    expect(registry.fileOf('proposal')).toBe(file);
    expect(reads()).toBe(1);
  });

  it('lets an added template replace a built-in, whenever the built-ins are read', () => {
    const own = deriveTemplate(TEMPLATE, { id: 'feature', source: 'feature.md' });
    const { registry, reads } = counted();
    registry.add(own, join(dir, 'feature.md'));
    expect(reads()).toBe(1);
    expect(registry.get('feature')).toBe(own);
    expect(registry.fileOf('feature')).toBe(join(dir, 'feature.md'));
    expect(registry.state().byId.filter(([id]) => id === 'feature')).toEqual([['feature', own]]);
  });

  it('hands a worker its state without the built-ins while they are unread; the worker reads them when it needs them', () => {
    const file = join(dir, 'proposal.md');
    writeFileSync(file, TEMPLATE);
    const registry = new TemplateRegistry();
    const proposal = registry.resolve(file, dir);
    const state = registry.state();
    expect(state.builtinsUnread).toBe(true);
    expect(state.byId).toEqual([]);
    expect(state.byPath).toEqual([[file, proposal]]);
    // As a worker gets it: a structured clone.
    const worker = TemplateRegistry.fromState(structuredClone(state));
    expect(worker.resolve(file, dir)).toEqual(proposal);
    expect(worker.resolve('design-doc', dir).id).toBe('design-doc');
    expect(worker.all().map((t) => t.id)).toEqual(registry.all().map((t) => t.id));
    expect(worker.fileOf('proposal')).toBe(file);
    // Read once by the run, they go with the state, as does a registry's own list of templates.
    registry.get('feature');
    expect(registry.state()).toMatchObject({ byId: expect.arrayContaining([['feature', expect.objectContaining({ id: 'feature' })]]) });
    expect(registry.state().builtinsUnread).toBeUndefined();
    const { registry: own } = counted();
    expect(own.state().builtinsUnread).toBeUndefined();
    expect(own.state().byId.map(([id]) => id)).toEqual(builtinTemplates().map((t) => t.id));
  });

  it('names the closest ids for an unknown one, built-ins included', () => {
    const { registry } = counted();
    expect(() => registry.resolve('design-dok', dir)).toThrow(/unknown template 'design-dok' \(did you mean 'design-doc'\?\)/);
  });

  it('is as it was when reading the built-ins fails, and tries again on the next use', () => {
    let reads = 0;
    const registry = new TemplateRegistry(() => {
      if (++reads === 1) throw new Error('templates/ is missing');
      return builtinTemplates();
    });
    const file = join(dir, 'proposal.md');
    writeFileSync(file, TEMPLATE);
    registry.resolve(file, dir);
    expect(() => registry.get('design-doc')).toThrow('templates/ is missing');
    expect(registry.fileOf('proposal')).toBe(file);
    expect(registry.get('design-doc')?.id).toBe('design-doc');
    expect(registry.fileOf('proposal')).toBe(file);
    expect(reads).toBe(2);
  });
});
