/**
 * The 79 pathological Markdown generators of the reliability research (research/reliability.md §1.3:
 * the cmark, commonmark.js, md4c and micromark suites, GFM issue reports and extras), each as a
 * function of the wanted size in characters.
 */
const times = (unit: string, size: number): string => unit.repeat(Math.max(1, Math.ceil(size / unit.length)));
/** k for a generator made of k copies of `before` and k of `after`. */
const pairs = (before: string, middle: string, after: string, size: number): string => {
  const k = Math.max(1, Math.floor(size / (before.length + after.length)));
  return before.repeat(k) + middle + after.repeat(k);
};
const numbered = (size: number, line: (i: number) => string, tail = ''): string => {
  let out = '';
  for (let i = 1; out.length < size; i++) out += line(i);
  return out + tail;
};

export const GENERATORS: readonly (readonly [string, (size: number) => string])[] = [
  ['1 nested-strong-emph', (n) => pairs('*a **a ', 'b', ' a** a*', n)],
  ['2 emph-closers-no-openers', (n) => times('a_ ', n)],
  ['3 emph-openers-no-closers', (n) => times('_a ', n)],
  ['4 link-closers-no-openers', (n) => times('a]', n)],
  ['5 link-openers-no-closers', (n) => times('[a', n)],
  ['6 mismatched-openers-closers', (n) => times('*a_ ', n)],
  ['7 cmark-issue-389', (n) => pairs('*a ', '', '_a*_ ', n)],
  ['8 openers-closers-mult-of-3', (n) => `a**b${times('c* ', n - 4)}`],
  ['9 link-openers-emph-closers', (n) => times('[ a_', n)],
  ['10 pattern-[-(](', (n) => times('[ (](', n)],
  ['11 pattern-![[]()', (n) => times('![[]()', n)],
  ['12 hard-link-emph', (n) => times('**x [a*b**c*](d)\n\n', n)],
  ['13 nested-brackets', (n) => pairs('[', 'a', ']', n)],
  ['14 nested-block-quotes', (n) => `${times('> ', n)}a`],
  ['15 deeply-nested-lists', (n) => numbered(n, (x) => `${'  '.repeat(x - 1)}* a\n`)],
  ['16 U+0000', (n) => times('abc\u0000de\u0000', n)],
  ['17 backticks', (n) => numbered(n, (x) => `e${'`'.repeat(x)}`)],
  ['18 unclosed-links-A', (n) => times('[a](<b', n)],
  ['19 unclosed-links-B', (n) => times('[a](b', n)],
  ['20 unclosed-<!--', (n) => `</${times('<!--', n)}`],
  ['21 empty-lines-nested-lists', (n) => pairs('- ', 'x', '\n', n)],
  ['22 empty-lines-nested-lists-in-bq', (n) => `> ${pairs('- ', 'x\n', '>\n', n)}`],
  ['23 emph-in-deep-blockquote', (n) => pairs('>', '', 'a*', n)],
  ['24 reference-definitions+refs', (n) => numbered(n, (i) => `[x${i}]: /url\n\n[x0]\n\n`)],
  ['25 many-references', (n) => numbered(n * 0.8, (i) => `[${i}]: u\n`) + times('[0] ', n * 0.2)],
  ['26 nested-inlines', (n) => pairs('*', 'a', '*', n)],
  ['27 cmjs-#172', (n) => times('*_* _ ', n)],
  ['28 [\\ deep', (n) => `[${times('\\', n)}\n`],
  ['29 backslashes-unclosed-link-title', (n) => `[test](\\url "${times('\\', n)}\n`],
  ['30 []( deep', (n) => `${times('[](', n)}\n`],
  ['31 3-emph-openers', (n) => times('a***', n)],
  ['32 many-links', (n) => times('[t](/u) ', n)],
  ['33 html-openers-closers', (n) => times('<>', n)],
  ['34 html-proc-inst-openers', (n) => `x${times('<?', n)}`],
  ['35 html-CDATA-openers', (n) => `x${times('<![CDATA[', n)}`],
  ['36 backticks-and-escapes', (n) => times('\\``', n)],
  ['37 broken-thematic-break', (n) => `${times('* ', n)}a`],
  ['38 nested-invalid-link-refs', (n) => `${pairs('[', '', ']', n)}\n\n[a]: /b`],
  ['39 gfm-tables (CR/VT)', (n) => times('aaa\rbbb\n-\v\n', n)],
  ['40 a**b repeated', (n) => times('a**b', n)],
  ['41 tons-of-definitions', (n) => times('[a]: u\n', n)],
  ['42 table-many-rows', (n) => `|a|b|\n|-|-|\n${times('|c|d|\n', n)}`],
  ['43 table-wide-header', (n) => `${times('a|', n / 2)}\n${times('-|', n / 2)}\nx\n`],
  ['44 table-128col-many-short-rows', (n) => `x\n${'-|'.repeat(127)}\n${times('x\n', n)}`],
  ['45 many-small-tables', (n) => times('|a|b|\n|-|-|\n|c|d|\n\n', n)],
  ['46 pipes-in-prose', (n) => times('a | b | c\n', n)],
  ['47 autolink-after-unclosed-[', (n) => `[${times('x https://e.com ', n)}`],
  ['48 many-www-autolinks', (n) => times('www.a.com ', n)],
  ['49 many-email-autolinks', (n) => times('a@b.co ', n)],
  ['50 a@ repeated', (n) => `${times('a@', n)}a`],
  ['51 long-url-autolink', (n) => `https://e.com/${times('a', n)}`],
  ['52 strikethrough-openers', (n) => times('~~a ', n)],
  ['53 tilde-run', (n) => times('~', n)],
  ['54 footnote-refs', (n) => `${times('[^1] ', n)}\n\n[^1]: x`],
  ['55 footnote-defs', (n) => numbered(n, (i) => `[^${i}]: x\n`)],
  ['56 nested-footnote-defs', (n) => `${times('[^a]: ', n)}x`],
  ['57 nested-task-list', (n) => `${times('- [ ] ', n)}x`],
  ['58 plain-prose', (n) => times('The quick brown fox jumps.\n', n)],
  ['59 one-huge-line', (n) => times('a', n)],
  ['60 many-short-lines', (n) => times('a\n', n)],
  ['61 blank-lines', (n) => times('\n', n)],
  ['62 CR-only-lines', (n) => times('a\r', n)],
  ['63 asterisk-run', (n) => times('*', n)],
  ['64 underscore-run', (n) => times('_', n)],
  ['65 many-list-items', (n) => times('- a\n', n)],
  ['66 many-headings', (n) => times('# h\n', n)],
  ['67 unclosed-code-fence', (n) => `\`\`\`\n${times('a\n', n)}`],
  ['68 leading-spaces', (n) => `${times(' ', n)}a`],
  ['69 leading-tabs', (n) => `${times('\t', n)}a`],
  ['70 char-refs', (n) => times('&amp;&#x1F600;', n)],
  ['71 ampersands', (n) => times('&', n)],
  ['72 nested-html-divs', (n) => times('<div>', n)],
  ['73 unclosed-link-title-multiline', (n) => `[a]: /u "${times('x\n', n)}`],
  ['74 nested-images', (n) => pairs('![', 'a', '](u)', n)],
  ['75 nested-links-resolved', (n) => pairs('[', 'a', '](u)', n)],
  ['76 nested-ordered-lists', (n) => `${times('1. ', n)}a`],
  ['77 blockquote+list-mix', (n) => `${times('> - ', n)}a`],
  ['78 front-matter-big', (n) => `---\n${numbered(n, (i) => `k${i}: v\n`)}---\n`],
  ['79 front-matter-unclosed', (n) => `---\n${times('a: b\n', n)}`],
];
