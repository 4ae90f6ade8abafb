import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, copyFileSync, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, expectTypeOf, it } from 'vitest';
import type * as LspLibs from '../src/lsp/libs.js';
import type * as LspLibsOnFirstUse from '../src/lsp/libs-on-first-use.js';
import * as esbuild from 'esbuild';
import { lspLibsOnFirstUse, zodOnFirstUse } from '../scripts/build.mjs';
import { patchCharacterEntities, patchChalk, patchCommander, patchEntityDecoder, startupPatches } from '../scripts/startup-patches.mjs';
import { ROOT } from './helpers.js';

const BIN = join(ROOT, 'dist', 'bundle', 'speclint.js');
const dir = mkdtempSync(join(tmpdir(), 'speclint-startup-'));
// Outside any git work tree: in one, the run asks git whether the file is ignored (a child process).
const SPEC = join(dir, 'design-doc-audit-log.md');
copyFileSync(join(ROOT, 'examples', 'design-doc-audit-log.md'), SPEC);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Node built-ins that a one-file lint run does not need, each costing a few milliseconds of its start
 * to load (with the stream, net and dgram modules child_process and tty bring along): workers, hashing,
 * fix writing, timing and colour detection load them only when used.
 */
const NOT_AT_START = ['child_process', 'crypto', 'fs/promises', 'perf_hooks', 'readline', 'tty', 'net', 'dgram', 'stream'];

/**
 * The built-in modules a run of the CLI loaded (Node's own list), with its output. Its stdout and stderr
 * are files, or with `pipes` pipes (for which process.stdout would load node:net): the CLI writes to
 * the descriptors themselves (src/cli/stdio.ts).
 */
async function builtinsLoaded(args: string[], cwd = dir, cache = join(dir, 'cache'), pipes = false): Promise<{ modules: string[]; zod: boolean; stdout: string; stderr: string; code: number; exitReads: string[] }> {
  const name = Math.random().toString(36).slice(2);
  const list = join(dir, `modules-${name}.json`);
  const output = join(dir, `stdout-${name}.txt`);
  const preload = join(dir, 'record-modules.cjs');
  const record = "({ modules: process.moduleLoadList, zod: globalThis[Symbol.for('speclint.zodLoaded')] === true })";
  const exitReads = join(dir, `exit-reads-${name}.txt`);
  // Also which template files the process reads once it is exiting (the code cache's warm-up, src/cli/warm-up.ts).
  writeFileSync(
    preload,
    [
      "const fs = require('node:fs'); const read = fs.readFileSync; let exiting = false;",
      `fs.readFileSync = function (path, ...rest) { if (exiting && String(path).includes('templates')) fs.appendFileSync(${JSON.stringify(exitReads)}, String(path) + '\\n'); return read.call(this, path, ...rest); };`,
      `process.on('exit', () => { exiting = true; fs.writeFileSync(${JSON.stringify(list)}, JSON.stringify(${record})); });`,
    ].join('\n'),
  );
  const stdout = openSync(output, 'w');
  const errors = join(dir, `stderr-${name}.txt`);
  const stderr = openSync(errors, 'w');
  let code = -1;
  try {
    const child = spawn(process.execPath, ['--require', preload, BIN, ...args], { cwd, stdio: ['ignore', pipes ? 'pipe' : stdout, pipes ? 'pipe' : stderr], env: { ...process.env, SPECLINT_COMPILE_CACHE_DIR: cache } });
    child.stdout?.on('data', (chunk: Buffer) => writeSync(stdout, chunk));
    child.stderr?.on('data', (chunk: Buffer) => writeSync(stderr, chunk));
    [code] = (await once(child, 'close')) as [number];
  } finally {
    closeSync(stdout);
    closeSync(stderr);
  }
  const recorded = JSON.parse(readFileSync(list, 'utf8')) as { modules: string[]; zod: boolean };
  const modules = recorded.modules.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice('NativeModule '.length));
  const readAtExit = existsSync(exitReads) ? readFileSync(exitReads, 'utf8').split('\n').filter(Boolean) : [];
  return { modules, zod: recorded.zod, stdout: readFileSync(output, 'utf8'), stderr: readFileSync(errors, 'utf8'), code, exitReads: readAtExit };
}

describe("the CLI's start", () => {
  it('lints one file without loading the built-ins it does not need', async () => {
    // Twice: the first run compiles the bundle and writes its code cache, the second starts from it.
    for (let run = 0; run < 2; run++) {
      const { modules, zod, stdout } = await builtinsLoaded(['--no-config', SPEC]);
      expect(stdout).toBe('✔ 1 file checked, no problems\n');
      expect(modules.filter((m) => NOT_AT_START.includes(m))).toEqual([]);
      // Nor zod (src/util/zod.ts): no config to check, no problem whose data to check.
      expect(zod).toBe(false);
    }
  });

  it("reports problems with data from its own rules without loading zod (their data is typed; the tests check it)", async () => {
    const spec = join(dir, 'problems.md');
    writeFileSync(spec, '---\ntemplate: design-doc\n---\n# Design\n\n## Overveiw\n\nText.\n');
    for (let run = 0; run < 2; run++) {
      const { zod, stdout, code } = await builtinsLoaded(['--no-config', '-f', 'json', spec]);
      expect(code).toBe(1);
      const report = JSON.parse(stdout) as { files: { diagnostics: { ruleId: string; data?: unknown }[] }[] };
      expect(report.files[0]?.diagnostics.filter((d) => d.data !== undefined).map((d) => d.ruleId)).toEqual(expect.arrayContaining(['metadata-required', 'section-required', 'title']));
      expect(zod).toBe(false);
    }
  });

  it("writes its report to pipes without loading Node's streams (see cli.test.ts for a pipe that cannot take it)", async () => {
    const { modules, stdout, stderr, code } = await builtinsLoaded(['--no-config', SPEC], dir, join(dir, 'cache'), true);
    expect(code).toBe(0);
    expect(stdout).toBe('✔ 1 file checked, no problems\n');
    expect(stderr).toBe('');
    expect(modules.filter((m) => NOT_AT_START.includes(m))).toEqual([]);
  });

  it('loads zod to check a config file, and a config that fails it still fails', async () => {
    const project = mkdtempSync(join(dir, 'project-'));
    copyFileSync(SPEC, join(project, 'spec.md'));
    writeFileSync(join(project, 'speclint.config.json'), '{ "rules": { "placeholder": { "options": { "guidance": false } } } }\n');
    const configured = await builtinsLoaded(['spec.md'], project);
    expect(configured).toMatchObject({ zod: true, stdout: '✔ 1 file checked, no problems\n' });
    writeFileSync(join(project, 'speclint.config.json'), '{ "rules": { "placeholder": { "options": { "guidance": "no" } } } }\n');
    const refused = await builtinsLoaded(['spec.md'], project);
    expect(refused).toMatchObject({ code: 2, stdout: '' });
    expect(refused.stderr).toMatch(/speclint\.config\.json.*rules\.placeholder\.options\.guidance/);
  });

  it("runs zod from a code cache of its own, made by the first run that needs it and reused", async () => {
    const project = mkdtempSync(join(dir, 'project-'));
    const cache = join(project, 'cache');
    copyFileSync(SPEC, join(project, 'spec.md'));
    const codeCaches = (): string[] => readdirSync(cache).filter((file) => file.endsWith('.bin')).sort();
    expect(await builtinsLoaded(['spec.md'], project, cache)).toMatchObject({ zod: false, code: 0 });
    const [main] = codeCaches();
    expect(codeCaches()).toHaveLength(1);
    writeFileSync(join(project, 'speclint.config.json'), '{ "rules": { "section-empty": { "options": { "allow": ["Notes"] } } } }\n');
    expect(await builtinsLoaded(['spec.md'], project, cache)).toMatchObject({ zod: true, code: 0 });
    const both = codeCaches();
    expect(both).toHaveLength(2);
    const zodCache = join(cache, both.find((file) => file !== main) as string);
    const written = statSync(zodCache).mtimeMs;
    expect(statSync(zodCache).size).toBeGreaterThan(50_000);
    expect(await builtinsLoaded(['spec.md'], project, cache)).toMatchObject({ zod: true, code: 0, stdout: '✔ 1 file checked, no problems\n' });
    expect(codeCaches()).toEqual(both);
    expect(statSync(zodCache).mtimeMs).toBe(written);
  });

  it("makes zod's code cache without the CLI's warm-up, which is for the CLI's own cache", async () => {
    const project = mkdtempSync(join(dir, 'project-'));
    const cache = join(project, 'cache');
    copyFileSync(SPEC, join(project, 'spec.md'));
    // The CLI's cache first (a run with no zod), then a run that lints in a worker only and loads zod:
    // zod's cache is made at its exit, and the CLI's warm-up lint must not run for it.
    expect(await builtinsLoaded(['spec.md'], project, cache)).toMatchObject({ zod: false, code: 0 });
    writeFileSync(join(project, 'speclint.config.json'), '{ "rules": { "section-empty": { "options": { "allow": ["Notes"] } } } }\n');
    const second = await builtinsLoaded(['--concurrency', '1', 'spec.md'], project, cache);
    expect(second).toMatchObject({ zod: true, code: 0, exitReads: [] });
  });

  it('loads them where a run uses them: hashing for the cache, a worker process', async () => {
    // A run that fills the cache, then one that reads it: hashing, but no zod (the cache's frame is checked by hand).
    for (let run = 0; run < 2; run++) {
      const cached = await builtinsLoaded(['--no-config', '--cache', '--cache-location', join(dir, 'lint-cache'), SPEC]);
      expect(cached).toMatchObject({ stdout: '✔ 1 file checked, no problems\n', zod: false });
      expect(cached.modules).toContain('crypto');
    }
    const workers = await builtinsLoaded(['--no-config', '--concurrency', '1', SPEC]);
    expect(workers.stdout).toBe('✔ 1 file checked, no problems\n');
    expect(workers.modules).toContain('child_process');
  });
});

describe("the build's start-up patches", () => {
  it("load commander's child_process on first spawn, and fail the build when commander changed", () => {
    const source = "const childProcess = require('node:child_process');\nchildProcess.spawn(a);\nchildProcess.spawn(b);\nchildProcess.spawn(c);\n";
    const patched = patchCommander(source);
    expect(patched.code).not.toContain("const childProcess = require('node:child_process');");
    expect(patched.code).toContain("spawn: (...args) => require('node:child_process').spawn(...args)");
    expect(patchCommander(`${source}childProcess.fork(d);\n`)).toEqual({ error: expect.stringMatching(/commander's use of node:child_process has changed \(3 spawn calls and 1 other uses.*startup-patches\.mjs/) });
    expect(patchCommander(source.replace('spawn(c)', 'other(c)'))).toEqual({ error: expect.stringMatching(/\(2 spawn calls and 1 other uses, expected 3 and none\)/) });
  });

  it("replace chalk's colour detection, and fail the build when chalk changed", () => {
    expect(patchChalk("import supportsColor from '#supports-color';\nconst x = supportsColor.stdout;").code).toBe('const supportsColor = { stdout: false, stderr: false };\nconst x = supportsColor.stdout;');
    expect(patchChalk("import detect from '#supports-color';")).toEqual({ error: expect.stringMatching(/chalk no longer imports/) });
  });

  it('make the named character references on first use, and fail the build when either library changed', () => {
    const library = (...path: string[]) => readFileSync(join(ROOT, 'node_modules', ...path), 'utf8');
    const entities = patchCharacterEntities(library('character-entities', 'index.js'));
    const decoder = patchEntityDecoder(library('decode-named-character-reference', 'index.js'));
    expect(entities.error).toBeUndefined();
    expect(decoder.error).toBeUndefined();
    expect(entities.code).toMatch(/^export function characterEntities\(\) \{\nreturn \{$/m);
    expect(decoder.code).toContain('entities ??= characterEntities();');
    expect(patchCharacterEntities("export const characterEntities = {a: 'b'}\nexport const more = {}\n")).toEqual({ error: expect.stringMatching(/no longer one exported object literal \(1 literals, 2 exports\)/) });
    expect(patchEntityDecoder('export function decode(value) {\n  return characterEntities[value]\n}\n')).toEqual({ error: expect.stringMatching(/decode-named-character-reference no longer reads/) });
  });

  it('fail the build of a bundle where another module imports character-entities, which the patch turns into a function', async () => {
    const other = esbuild.build({ stdin: { contents: "import { characterEntities } from 'character-entities';\nexport const amp = characterEntities.amp;\n", resolveDir: ROOT, sourcefile: 'other.js' }, bundle: true, write: false, platform: 'node', format: 'cjs', logLevel: 'silent', plugins: [startupPatches] });
    await expect(other).rejects.toThrow(/other\.js imports character-entities, whose patch in scripts\/startup-patches\.mjs is for decode-named-character-reference alone/);
  });

  it("fail the build of a bundle where a module imports zod's values, which would load a second zod at start", async () => {
    const build = esbuild.build({ stdin: { contents: "import { z } from 'zod';\nexport const name = z.string();\n", resolveDir: ROOT, sourcefile: 'eager.js' }, bundle: true, write: false, platform: 'node', format: 'cjs', logLevel: 'silent', plugins: [zodOnFirstUse('id')] });
    await expect(build).rejects.toThrow(/eager\.js imports zod's values: import its types only/);
  });

  it("keep the language server's libraries out of the CLI's bundle, which loads them from their own when the server starts", async () => {
    const eager = esbuild.build({ stdin: { contents: "export { createConnection } from 'vscode-languageserver/node';\n", resolveDir: ROOT, sourcefile: 'eager.js' }, bundle: true, write: false, platform: 'node', format: 'cjs', logLevel: 'silent', plugins: [lspLibsOnFirstUse('id')] });
    await expect(eager).rejects.toThrow(/eager\.js imports the language server's libraries: import them from src\/lsp\/libs\.ts/);
    const cli = readFileSync(join(ROOT, 'dist', 'bundle', 'speclint-main.cjs'), 'latin1');
    const libs = readFileSync(join(ROOT, 'dist', 'bundle', 'lsp-libs.cjs'), 'latin1');
    // A method name of the protocol's, which only the libraries hold.
    expect(libs).toContain('workspace/semanticTokens/refresh');
    expect(cli).not.toContain('workspace/semanticTokens/refresh');
    expect(cli.length).toBeLessThan(700_000);
    // The loader the CLI's bundle has in libs.ts's place exports every value libs.ts does (a name left
    // out would be undefined there): checked by the typecheck.
    expectTypeOf<keyof typeof LspLibsOnFirstUse>().toEqualTypeOf<keyof typeof LspLibs>();
  });
});
