export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal (colours default on only then). */
  isTTY: boolean;
  /** Whether stderr is a terminal (the progress line is drawn only then). */
  stderrIsTTY?: boolean;
  /** Standard input, for --stdin: all of it, or at least `maxBytes + 1` bytes of it when it is longer. */
  readStdin?: (maxBytes: number) => Promise<string | Buffer>;
}

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_FATAL = 2;

/** A failure that ends the command with exit 2 and these lines on stderr. */
export class UsageError extends Error {
  readonly lines: string[];
  constructor(lines: string | string[]) {
    const all = Array.isArray(lines) ? lines : [lines];
    super(all.join('\n'));
    this.lines = all;
  }
}

export { describeFsError as describeError } from '../../util/fs-errors.js';
