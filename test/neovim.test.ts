import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { workspace } from './cli-harness.js';
import { ROOT, firstFileDiagnostics, read } from './helpers.js';

/**
 * Neovim's built-in LSP client against the built server: the README's Neovim snippet is the init
 * file, test/neovim/driver.lua plays the user, and this file compares what Neovim saw with the CLI.
 */

interface LspDiagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: number;
  code: string;
  source: string;
  message: string;
  codeDescription?: { href: string };
}
interface Snapshot {
  text: string;
  version: number;
  diagnostics: LspDiagnostic[];
  shown: number;
}
interface DriverResult {
  error?: string;
  filetype?: string;
  opened: Snapshot;
  edited: Snapshot;
  fixed: Snapshot;
  reconfigured: Snapshot;
  stale: { offered: number; text: string; offered_after_edit: number; notified: string[] };
  menus: string[][];
  server: { pid: number; children: number[] };
  exit: { code: number; signal: number };
}

const MINIMUM = [0, 7];

function neovimVersion(): number[] | undefined {
  const probe = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  const match = probe.status === 0 ? /NVIM v(\d+)\.(\d+)\.(\d+)/.exec(probe.stdout) : null;
  return match ? match.slice(1).map(Number) : undefined;
}

const version = neovimVersion();
const usable = version !== undefined && (version[0]! > MINIMUM[0]! || (version[0] === MINIMUM[0] && version[1]! >= MINIMUM[1]!));
if (!usable) {
  console.warn(
    `\n*** SKIPPED: the Neovim end-to-end test needs nvim ${MINIMUM.join('.')}+ on PATH (${version ? `found ${version.join('.')}` : 'not found'}); ` +
      'install it (Debian: apt-get install neovim; .ci/run does this) ***\n',
  );
}

/** The README's Neovim 0.7–0.10 snippet, exactly as users copy it. */
function readmeSnippet(): string {
  const readme = read('README.md');
  const marker = readme.indexOf('<!-- neovim-0.7: this block is run by test/neovim.test.ts -->');
  const block = /```lua\n([\s\S]*?)```/.exec(readme.slice(marker));
  if (marker < 0 || !block?.[1]) throw new Error('README lost its tested Neovim snippet');
  return block[1];
}

const SPEC = read('examples/design-doc-audit-log.md')
  // Three problems with quick fixes, of which the first changes the text's length (so a fix
  // computed before it and applied after it would land in the wrong place).
  .replace('### Non-Goals', '### NonGoals')
  .replace('| Risk | Probability | Impact | Mitigation |\n|------|-------------|--------|------------|', '| Risk | Impact | Mitigation |\n|------|--------|------------|')
  .replace('| Products send personal data in `context` | Medium | High |', '| Products send personal data in `context` | High |')
  .replace('| ClickHouse outage blocks ingestion | Low | High |', '| ClickHouse outage blocks ingestion | High |');

function lineIndex(text: string, line: string): number {
  const index = text.split('\n').indexOf(line);
  if (index < 0) throw new Error(`no line ${line}`);
  return index;
}

describe.skipIf(!usable)(`Neovim ${version?.join('.') ?? ''} built-in LSP client (headless)`, () => {
  const CONFIG = '{}\n';
  // Turns off the one warning left after fixing.
  const NEW_CONFIG = '{ "rules": { "placeholder": "off" } }';
  const { dir, cleanup } = workspace({ '.git/': '', 'speclint.config.json': CONFIG, 'spec.md': SPEC });
  afterAll(cleanup);
  const specPath = join(dir, 'spec.md');
  const cli = (args: string[]): { status: number | null; stdout: string } =>
    spawnSync(process.execPath, [join(ROOT, 'dist/bundle/speclint.js'), ...args], { cwd: dir, encoding: 'utf8' });

  /** The CLI's JSON diagnostics for this text at the spec's path, in the server's terms. */
  function cliDiagnostics(text: string): object[] {
    writeFileSync(specPath, text);
    return firstFileDiagnostics(cli(['spec.md', '--format', 'json']).stdout).map((d) => ({
      ruleId: d.ruleId,
      severity: d.severity,
      start: [d.line, d.column],
      end: [d.endLine, d.endColumn],
      message: d.hint ? `${d.message}\n${d.hint}` : d.message,
    }));
  }
  const fromLsp = (diagnostics: LspDiagnostic[]): object[] =>
    diagnostics.map((d) => ({
      ruleId: d.code,
      severity: d.severity === 1 ? 'error' : 'warning',
      start: [d.range.start.line + 1, d.range.start.character + 1],
      end: [d.range.end.line + 1, d.range.end.character + 1],
      message: d.message,
    }));

  function runNeovim(): { result: DriverResult; ms: number } {
    const home = join(dir, '.nvim-home');
    const bin = join(home, 'bin');
    mkdirSync(bin, { recursive: true });
    // `speclint` on PATH, as the snippet expects: the built bundle, under this Node.
    symlinkSync(join(ROOT, 'dist/bundle/speclint.js'), join(bin, 'speclint'));
    writeFileSync(join(home, 'init.lua'), readmeSnippet());
    const plan = {
      file: specPath,
      result: join(home, 'result.json'),
      timeout_ms: 20_000,
      max_fixes: 6,
      config_file: join(dir, 'speclint.config.json'),
      new_config: [NEW_CONFIG],
      // Drop the whole Security Considerations section: a new problem, and one more quick fix.
      edit: { first: lineIndex(SPEC, '## Security Considerations'), last: lineIndex(SPEC, '## Rollout Plan'), lines: [] },
    };
    writeFileSync(join(home, 'plan.json'), JSON.stringify(plan));
    const started = Date.now();
    const run = spawnSync('nvim', ['--headless', '-n', '-i', 'NONE', '-u', join(home, 'init.lua'), '-c', `luafile ${join(ROOT, 'test/neovim/driver.lua')}`], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 120_000,
      env: {
        ...process.env,
        PATH: [bin, dirname(process.execPath), process.env.PATH].join(':'),
        SPECLINT_NVIM_PLAN: join(home, 'plan.json'),
        XDG_CONFIG_HOME: join(home, 'config'),
        XDG_DATA_HOME: join(home, 'data'),
        XDG_STATE_HOME: join(home, 'state'),
        XDG_CACHE_HOME: join(home, 'cache'),
      },
    });
    const ms = Date.now() - started;
    if (!existsSync(plan.result)) throw new Error(`Neovim wrote no result (exit ${run.status}, signal ${run.signal}): ${run.stderr}${run.stdout}`);
    const result = JSON.parse(readFileSync(plan.result, 'utf8')) as DriverResult;
    if (result.error) throw new Error(`Neovim driver failed: ${result.error}`);
    expect(run.status).toBe(0);
    return { result, ms };
  }

  it('shows the CLI diagnostics, follows edits, applies quick fixes like --fix, and shuts the server down', () => {
    const { result, ms } = runNeovim();
    console.log(`Neovim ${version?.join('.')} session: ${ms} ms`);
    expect(result.filetype).toBe('markdown');
    // The driver changed the config at the end: the stages before that are compared under the first one.
    expect(readFileSync(join(dir, 'speclint.config.json'), 'utf8')).toBe(`${NEW_CONFIG}\n`);
    writeFileSync(join(dir, 'speclint.config.json'), CONFIG);

    // Opened: exactly what `speclint --format json` reports, and Neovim shows each one.
    expect(result.opened.text).toBe(SPEC);
    const opened = cliDiagnostics(result.opened.text);
    expect(opened.map((d) => (d as { ruleId: string }).ruleId)).toEqual(['section-name', 'table-columns']);
    expect(fromLsp(result.opened.diagnostics)).toEqual(opened);
    expect(result.opened.shown).toBe(2);
    for (const d of result.opened.diagnostics) {
      expect(d.source).toBe('speclint');
      expect(d.codeDescription?.href).toMatch(new RegExp(`/rules/${d.code}\\.md$`));
    }

    // Edited: the diagnostics follow the buffer (one more problem, lines below it moved).
    expect(result.edited.version).toBeGreaterThan(result.opened.version);
    expect(result.edited.text).not.toContain('## Security Considerations');
    const edited = cliDiagnostics(result.edited.text);
    expect(edited.map((d) => (d as { ruleId: string }).ruleId)).toEqual(['section-name', 'section-required', 'table-columns']);
    expect(fromLsp(result.edited.diagnostics)).toEqual(edited);

    // A fix picked while the buffer changed (a blank line added at the end) was refused, and the
    // same diagnostic, asked again before its fresh lint, offered none.
    expect(result.stale.offered).toBe(1);
    expect(result.stale.text).toBe(`${result.edited.text}\n`);
    expect(result.stale.offered_after_edit).toBe(0);
    expect(result.stale.notified).toContain('No code actions available');

    // Fixed: one quick fix per menu, applied back to back, give what `speclint --fix` writes.
    expect(result.menus).toHaveLength(3);
    for (const menu of result.menus) expect(menu[0]).toMatch(/^Fix: /);
    writeFileSync(specPath, result.edited.text);
    cli(['spec.md', '--fix']);
    const cliFixed = readFileSync(specPath, 'utf8');
    expect(cliFixed).not.toBe(result.edited.text);
    expect(result.fixed.text).toBe(cliFixed);
    expect(fromLsp(result.fixed.diagnostics)).toEqual(cliDiagnostics(result.fixed.text));

    // Reconfigured: the config changed on disk, and the next edit's diagnostics follow it.
    expect(result.reconfigured.text).toBe(result.fixed.text);
    expect(result.fixed.diagnostics.map((d) => d.code)).toEqual(['placeholder']);
    writeFileSync(join(dir, 'speclint.config.json'), NEW_CONFIG);
    expect(fromLsp(result.reconfigured.diagnostics)).toEqual(cliDiagnostics(result.reconfigured.text));
    expect(result.reconfigured.diagnostics).toEqual([]);

    // Shutdown: a clean exit, and neither the server nor anything it started is left running.
    expect(result.exit).toEqual({ code: 0, signal: 0 });
    for (const pid of [result.server.pid, ...result.server.children]) expect(running(pid), `process ${pid}`).toBe(false);
  }, 150_000);
});

/** Whether a process exists and is not a zombie waiting to be reaped. */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
