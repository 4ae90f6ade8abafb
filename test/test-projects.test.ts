import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import config, { runsBuild } from '../vitest.config.js';
import { ROOT } from './helpers.js';

describe('test projects: only the suites that run dist/ wait for the build', () => {
  it('puts suites that run the built CLI, server or package (directly or through a helper) in the build project', () => {
    for (const file of ['cli.test.ts', 'lsp.test.ts', 'package.test.ts', 'sarif-multitool.test.ts']) expect(runsBuild(join(ROOT, 'test', file)), file).toBe(true);
    for (const file of ['rules.test.ts', 'baseline.test.ts', 'api.test.ts', 'formatters.test.ts', 'repository.test.ts']) expect(runsBuild(join(ROOT, 'test', file)), file).toBe(false);
  });

  it('builds only in the build project', () => {
    const projects = (config.test?.projects ?? []) as { test: { name: string; include: string[]; globalSetup: string[] } }[];
    const byName = new Map(projects.map((p) => [p.test.name, p.test]));
    expect(byName.get('unit')?.globalSetup).not.toContain('test/build-setup.ts');
    expect(byName.get('build')?.globalSetup).toContain('test/build-setup.ts');
    expect(byName.get('unit')?.include).toContain('test/rules.test.ts');
    expect(byName.get('build')?.include).toContain('test/cli.test.ts');
  });
});
