/**
 * Whether a command line surely lints in worker processes, so that the launcher starts the first
 * worker at once, while the CLI loads (src/run/worker/prestart.ts): a lint run whose --concurrency is
 * a number. With `auto` (the default) the number of workers depends on the files, known only later,
 * and no worker is started on a guess. Anything else on the line that may mean no lint run (a
 * subcommand's name, help, version, --print-config, --explain) means no early start: it only ever
 * saves time, so when in doubt it is left out. Also what else the launcher reads off a command line
 * before the CLI has loaded: the files it names (the early worker's share of them, and the guess of
 * a run on this thread alone, src/cli/one-thread-run.ts).
 */
import { type Stats, statSync } from 'node:fs';

/** The CLI's subcommands (a test keeps this list equal to the program's). */
export const SUBCOMMANDS: readonly string[] = ['templates', 'new', 'merge-reports', 'index', 'init', 'lsp', 'rules'];

/** The words of a command line that may mean no lint run. */
const NOT_A_LINT_RUN: ReadonlySet<string> = new Set([...SUBCOMMANDS, '-h', '--help', '-v', '--version', '--print-config', '--explain']);

/**
 * The lint command's options that take a value (`-o report.json`), and the one whose value is optional
 * (`--baseline-write [file]`, which takes the next word unless it is an option, as commander does): a
 * value is not a file to lint. A test keeps both lists equal to the program's.
 */
export const OPTIONS_WITH_VALUES: ReadonlySet<string> = new Set([
  '-t', '--template', '-f', '--format', '-c', '--config', '--ignore-pattern', '--print-config', '--explain', '-o', '--output-file', '--fix-type',
  '--max-file-size', '--max-nesting', '--file-timeout', '--concurrency', '--cache-location', '--shard', '--baseline', '--stdin-filename', '--max-warnings',
]);
export const OPTIONS_WITH_OPTIONAL_VALUES: ReadonlySet<string> = new Set(['--baseline-write']);

/**
 * What a command line says of a lint run: whether a word may mean none (NOT_A_LINT_RUN), its
 * --concurrency value, the options it names (without their values), and its operands.
 */
export function readCommandLine(args: readonly string[]): { mayNotLint: boolean; concurrency?: string; options: Set<string>; words: string[] } {
  let concurrency: string | undefined;
  const options = new Set<string>();
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--') {
      words.push(...args.slice(i + 1));
      break;
    }
    const name = arg.startsWith('--') ? arg.split('=', 1)[0] : arg;
    if (name !== undefined && NOT_A_LINT_RUN.has(name)) return { mayNotLint: true, options, words };
    if (!arg.startsWith('-') || arg === '-') {
      words.push(arg);
      continue;
    }
    options.add(name ?? arg);
    if (arg === '--concurrency') concurrency = args[i + 1];
    else if (arg.startsWith('--concurrency=')) concurrency = arg.slice('--concurrency='.length);
    // A value given with `=` (or joined to a short option, `-ojson`) is part of the word.
    if (OPTIONS_WITH_VALUES.has(arg)) i++;
    else if (OPTIONS_WITH_OPTIONAL_VALUES.has(arg) && !(args[i + 1] ?? '-').startsWith('-')) i++;
  }
  return { mayNotLint: false, ...(concurrency === undefined ? {} : { concurrency }), options, words };
}

/**
 * The files among a command line's operands, how many and their bytes (each file once), counted until
 * the bytes reach `enough` or an operand names a folder; and whether one names nothing here (a glob,
 * or a missing file). Only the run knows a folder's or a glob's files.
 */
export function namedFiles(words: readonly string[], enough = Infinity): { files: number; bytes: number; folder: boolean; nothing: boolean } {
  let files = 0;
  let bytes = 0;
  let nothing = false;
  const seen = new Set<string>();
  for (const word of words) {
    if (bytes >= enough) break;
    let stats: Stats | undefined;
    try {
      stats = statSync(word, { throwIfNoEntry: false });
    } catch {
      // Not a path this system can look up (too long, through a file, not allowed).
      stats = undefined;
    }
    if (!stats) {
      nothing = true;
      continue;
    }
    if (stats.isDirectory()) return { files, bytes, folder: true, nothing };
    const id = `${stats.dev}:${stats.ino}`;
    if (!stats.isFile() || seen.has(id)) continue;
    seen.add(id);
    files++;
    bytes += stats.size;
  }
  return { files, bytes, folder: false, nothing };
}

/**
 * About how many bytes of files each of `workers` workers will lint, as far as the command line tells
 * (the early worker's young generation: semiSpaceMb); undefined when it cannot: standard input, a
 * shard, a folder, a glob, or no file named. Files that are ignored, cached or too large count; past
 * the bytes at which the answer cannot change, files are not looked at.
 */
export function bytesPerWorkerNamed(args: readonly string[], workers: number, largeFrom: number): number | undefined {
  const { options, words } = readCommandLine(args);
  // readCommandLine names `--shard=1/3` `--shard`.
  if (options.has('--stdin') || options.has('--shard')) return undefined;
  const named = namedFiles(words, largeFrom * workers);
  if (named.folder || named.nothing || named.files === 0) return undefined;
  return named.bytes / Math.min(workers, named.files);
}

/** How many workers the command line asks a lint run for, if it surely lints in workers (see above). */
export function workersAskedFor(args: readonly string[]): number | undefined {
  const { mayNotLint, concurrency } = readCommandLine(args);
  if (mayNotLint) return undefined;
  return concurrency !== undefined && /^0*[1-9]\d{0,5}$/.test(concurrency) ? Number(concurrency) : undefined;
}
