/** A file system (or any) error as a short cause for a one-line message: no stack, no errno noise. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'ENOTDIR') return 'not a directory';
  if (code === 'EEXIST') return 'already exists';
  if (code === 'ELOOP') return 'too many levels of symbolic links';
  if (code === 'EMFILE' || code === 'ENFILE') return 'too many open files';
  if (error instanceof Error) return error.message.split('\n')[0] ?? 'unknown error';
  return String(error);
}
