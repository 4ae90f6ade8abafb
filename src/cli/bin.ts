/** The CLI's process entry: bundled into dist/bundle/speclint-main.cjs, which the launcher runs. */
import { crashReport, run } from './program.js';
import { stdioMode, stdioOutput } from './stdio.js';
import { compileLintPathBeforeCodeCache } from './warm-up.js';

compileLintPathBeforeCodeCache();

// The getters are read only when a stream is needed: reading one loads Node's streams (see stdio.ts).
const mode = stdioMode();
const stdout = stdioOutput(1, () => process.stdout, mode);
const stderr = stdioOutput(2, () => process.stderr, mode);

// Whatever escapes is a crash: exit 2 ("incomplete"), never Node's default 1 ("problems found").
for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
  process.on(event, (error: unknown) => {
    stderr.write(crashReport(error, process.argv.includes('--debug')));
    process.exit(2);
  });
}

void run(process.argv.slice(2), {
  stdout: (text) => stdout.write(text),
  stderr: (text) => stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
  isTTY: stdout.isTTY(),
  stderrIsTTY: stderr.isTTY(),
  readStdin: async (maxBytes) => {
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of process.stdin) {
      chunks.push(chunk as Buffer);
      total += (chunk as Buffer).length;
      // Past the limit the input is refused anyway: stop reading instead of holding all of it.
      if (total > maxBytes) break;
    }
    return Buffer.concat(chunks);
  },
}).then((code) => {
  process.exitCode = code;
  // Ends the process as soon as what it wrote is out, rather than when the event loop has emptied:
  // Node then skips tearing its heap down page by page (~15 ms of a one-file run here; bench/README.md).
  // A command that runs on (the language server) never gets here.
  stdout.flush(() => stderr.flush(() => process.exit(code)));
});
