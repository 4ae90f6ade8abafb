/** "docs/x.md", "../adr/0007.md#context", "rfc.markdown": a name written as a path to a Markdown file rather than an id. */
export function looksLikePath(name: string): boolean {
  return /[\\/]/.test(name) || /\.(?:md|markdown|mdx)(?:#.*)?$/i.test(name);
}
