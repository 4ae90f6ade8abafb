/**
 * A reader that goes away early (`speclint … | head`, an editor that stops reading the language
 * server) is not an error worth a stack trace: the process ends with the exit code it has so far.
 */
export function endOnBrokenPipe(): never {
  process.exit(process.exitCode ?? 0);
}

const handled = new WeakSet<NodeJS.WriteStream>();

/** The stream, with a broken pipe on it ending the process quietly (see endOnBrokenPipe); its other errors are thrown. */
export function quietOnBrokenPipe(stream: NodeJS.WriteStream): NodeJS.WriteStream {
  if (!handled.has(stream)) {
    handled.add(stream);
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') endOnBrokenPipe();
      throw error;
    });
  }
  return stream;
}
