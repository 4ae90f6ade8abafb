/**
 * Whether a command line surely lints in worker processes, so that the launcher starts the first
 * worker at once, while the CLI loads (src/run/worker/prestart.ts): a lint run whose --concurrency is
 * a number. With `auto` (the default) the number of workers depends on the files, known only later,
 * and no worker is started on a guess. Anything else on the line that may mean no lint run (a
 * subcommand's name, help, version, --print-config, --explain) means no early start: it only ever
 * saves time, so when in doubt it is left out.
 */

/** The CLI's subcommands (a test keeps this list equal to the program's). */
export const SUBCOMMANDS: readonly string[] = ['templates', 'new', 'merge-reports', 'index', 'init', 'lsp', 'rules'];

/** The words of a command line that may mean no lint run. */
const NOT_A_LINT_RUN: ReadonlySet<string> = new Set([...SUBCOMMANDS, '-h', '--help', '-v', '--version', '--print-config', '--explain']);

/**
 * What a command line says of a lint run: whether a word may mean none (NOT_A_LINT_RUN), its
 * --concurrency value, and its other words that are not options (operands, and options' values alike).
 */
export function readCommandLine(args: readonly string[]): { mayNotLint: boolean; concurrency?: string; words: string[] } {
  let concurrency: string | undefined;
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--') {
      words.push(...args.slice(i + 1));
      break;
    }
    const name = arg.startsWith('--') ? arg.split('=', 1)[0] : arg;
    if (name !== undefined && NOT_A_LINT_RUN.has(name)) return { mayNotLint: true, words };
    if (arg === '--concurrency') concurrency = args[++i];
    else if (arg.startsWith('--concurrency=')) concurrency = arg.slice('--concurrency='.length);
    else if (!arg.startsWith('-')) words.push(arg);
  }
  return { mayNotLint: false, ...(concurrency === undefined ? {} : { concurrency }), words };
}

/** How many workers the command line asks a lint run for, if it surely lints in workers (see above). */
export function workersAskedFor(args: readonly string[]): number | undefined {
  const { mayNotLint, concurrency } = readCommandLine(args);
  if (mayNotLint) return undefined;
  return concurrency !== undefined && /^0*[1-9]\d{0,5}$/.test(concurrency) ? Number(concurrency) : undefined;
}
