/** The CLI's process entry: bundled into dist/bundle/speclint-main.cjs, which the launcher runs. */
import { crashReport, run } from './program.js';
import { compileLintPathBeforeCodeCache } from './warm-up.js';

compileLintPathBeforeCodeCache();

// Whatever escapes is a crash: exit 2 ("incomplete"), never Node's default 1 ("problems found").
for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
  process.on(event, (error: unknown) => {
    process.stderr.write(crashReport(error, process.argv.includes('--debug')));
    process.exit(2);
  });
}

// A reader that goes away early (`speclint … | head`) is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

void run(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
  isTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
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
  // Node then skips tearing its heap down page by page (~10 ms of a one-file run here, a twentieth of
  // it; bench/README.md). A command that runs on (the language server) never gets here.
  whenFlushed(process.stdout, () => whenFlushed(process.stderr, () => process.exit(code)));
});

/** Calls `done` once everything written to the stream before now has been handed to the system. */
function whenFlushed(stream: NodeJS.WriteStream, done: () => void): void {
  if (stream.destroyed || !stream.writable) done();
  else stream.write('', () => done());
}
