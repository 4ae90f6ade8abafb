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
export const NOT_A_LINT_RUN: ReadonlySet<string> = new Set([...SUBCOMMANDS, '-h', '--help', '-v', '--version', '--print-config', '--explain']);

/** How many workers the command line asks a lint run for, if it surely lints in workers (see above). */
export function workersAskedFor(args: readonly string[]): number | undefined {
  let concurrency: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--') break;
    const name = arg.startsWith('--') ? arg.split('=', 1)[0] : arg;
    if (name !== undefined && NOT_A_LINT_RUN.has(name)) return undefined;
    if (arg === '--concurrency') concurrency = args[++i];
    else if (arg.startsWith('--concurrency=')) concurrency = arg.slice('--concurrency='.length);
  }
  return concurrency !== undefined && /^0*[1-9]\d{0,5}$/.test(concurrency) ? Number(concurrency) : undefined;
}
