import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

/**
 * The package as users get it: `npm pack`, unpacked into a consumer's node_modules (its dependencies
 * linked from ours, as an install would provide them), then imported by name from JavaScript and
 * type-checked from TypeScript.
 */
let consumer: string;
beforeAll(() => {
  consumer = mkdtempSync(join(tmpdir(), 'speclint-consumer-'));
  const modules = join(consumer, 'node_modules');
  mkdirSync(modules);
  const tarball = execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', consumer], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop() ?? '';
  execFileSync('tar', ['xzf', join(consumer, tarball), '-C', consumer]);
  renameSync(join(consumer, 'package'), join(modules, 'speclint'));
  // Our own devDependencies are not there for a user (what they depend on may be).
  const devDependencies = new Set(Object.keys((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies));
  const scopes = new Set([...devDependencies].filter((d) => d.includes('/')).map((d) => d.split('/')[0]));
  for (const entry of readdirSync(join(ROOT, 'node_modules'))) {
    if (entry === '.bin' || entry === 'speclint' || entry.startsWith('.') || devDependencies.has(entry)) continue;
    if (scopes.has(entry)) {
      mkdirSync(join(modules, entry));
      for (const scoped of readdirSync(join(ROOT, 'node_modules', entry))) {
        if (!devDependencies.has(`${entry}/${scoped}`)) symlinkSync(join(ROOT, 'node_modules', entry, scoped), join(modules, entry, scoped));
      }
      continue;
    }
    symlinkSync(join(ROOT, 'node_modules', entry), join(modules, entry));
  }
  writeFileSync(join(consumer, 'package.json'), '{ "name": "consumer", "type": "module", "private": true }\n');
}, 120_000);
afterAll(() => {
  if (!process.env.KEEP_CONSUMER) rmSync(consumer, { recursive: true, force: true });
});

describe('the packed package', () => {
  it('ships the built code, rule docs, templates and the config schema, and nothing of the tests', () => {
    const files = execFileSync('find', ['node_modules/speclint', '-type', 'f'], { cwd: consumer, encoding: 'utf8' }).split('\n');
    expect(files).toContain('node_modules/speclint/dist/src/index.js');
    expect(files).toContain('node_modules/speclint/dist/src/index.d.ts');
    expect(files).toContain('node_modules/speclint/dist/bundle/speclint.js');
    // The executable is CommonJS in a "type": "module" package: this file says so.
    expect(files).toContain('node_modules/speclint/dist/bundle/package.json');
    expect(files).toContain('node_modules/speclint/dist/bundle/speclint-main.cjs');
    expect(files).toContain('node_modules/speclint/dist/bundle/lint-worker.cjs');
    expect(files).toContain('node_modules/speclint/dist/builtin-templates.json');
    expect(files).toContain('node_modules/speclint/templates/design-doc.md');
    expect(files).toContain('node_modules/speclint/rules/placeholder.md');
    expect(files).toContain('node_modules/speclint/speclint.config.schema.json');
    expect(files.some((f) => f.includes('/test/') || f.includes('/fixtures/'))).toBe(false);
  });

  it('is importable by name with lintText, lintFiles, loadConfig and formatters', () => {
    writeFileSync(
      join(consumer, 'use.mjs'),
      `import { lintText, lintFiles, loadConfig, formatters } from 'speclint';
import { writeFileSync } from 'node:fs';
writeFileSync('spec.md', '---\\ntemplate: design-doc\\n---\\n# Technical Specification: X\\n\\n## Document Info\\n\\n- **Status**: Draft\\n');
const text = lintText('# Technical Specification: X\\n\\n## Overview\\n', { template: 'component' });
const files = await lintFiles(['spec.md'], { config: false });
const config = loadConfig(null, process.cwd());
console.log(JSON.stringify({
  text: text.diagnostics.length,
  template: files.results[0].template,
  files: files.results.length,
  templates: config.registry.all().length,
  formats: Object.keys(formatters),
  compact: formatters.compact(files.results, { color: false }).split('\\n')[0],
}));
`,
    );
    const out = JSON.parse(execFileSync(process.execPath, ['use.mjs'], { cwd: consumer, encoding: 'utf8' })) as Record<string, unknown>;
    expect(out).toMatchObject({ template: 'design-doc', files: 1, templates: 5, formats: ['stylish', 'json', 'sarif', 'github', 'junit', 'compact', 'html'] });
    // A spec with one of the template's sections: the many missing ones are one grouped diagnostic, plus others.
    expect(out.text).toBeGreaterThan(1);
    expect(out.compact).toMatch(/^spec\.md:\d+:\d+: error: /);
  });

  it('type-checks a TypeScript consumer against the shipped declarations', () => {
    writeFileSync(
      join(consumer, 'use.ts'),
      `import { lintText, type Diagnostic, type LintResult, type Template, formatters } from 'speclint';
const result: LintResult = lintText('# T\\n', { filePath: 'a.md' });
const first: Diagnostic | undefined = result.diagnostics[0];
const line: number = first?.line ?? 0;
const template: Template | null = null;
const text: string = formatters.json!([result], { color: false });
export { line, template, text };
`,
    );
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', noEmit: true, types: [] }, files: ['use.ts'] }),
    );
    execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: consumer, encoding: 'utf8' });
  });

  it('installs a working speclint binary', () => {
    const out = execFileSync(process.execPath, ['node_modules/speclint/dist/bundle/speclint.js', '--version'], { cwd: consumer, encoding: 'utf8' });
    expect(out.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
