import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { run } from '../src/cli/program.js';

export interface InProcessRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process in `cwd` (the subprocess tests in cli.test.ts cover the real binary). */
export async function runIn(cwd: string, args: string[], env: Record<string, string> = {}, stdin?: string): Promise<InProcessRun> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    cwd,
    env,
    isTTY: false,
    ...(stdin === undefined ? {} : { readStdin: async () => stdin }),
  });
  return { code, stdout, stderr };
}

/** A fresh folder with the given files (a ".git" entry makes it a repository root). */
export function workspace(files: Record<string, string>): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'speclint-ws-'));
  for (const [path, content] of Object.entries(files)) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    if (path.endsWith('/')) mkdirSync(full, { recursive: true });
    else writeFileSync(full, content);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A workspace with a `.git` marker (a repository root), removed after the current test file. */
export function repoWorkspace(files: Record<string, string>, cleanups: (() => void)[]): string {
  const { dir, cleanup } = workspace({ '.git/': '', ...files });
  cleanups.push(cleanup);
  return dir;
}
