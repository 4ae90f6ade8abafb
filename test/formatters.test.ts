import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { ValidateFunction } from 'ajv';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { formatters } from '../src/report/formatters/index.js';
import { escapeData, escapeProperty } from '../src/report/formatters/github.js';
import { projectUrls } from '../src/report/formatters/project-urls.js';
import type { LintResult } from '../src/core/types.js';
import { ROOT } from './helpers.js';

const require = createRequire(import.meta.url);
// ajv-draft-04 is CommonJS; its class is the default export.
const { default: Ajv04 } = require('ajv-draft-04') as { default: new (options: object) => { compile(schema: object): ValidateFunction } };
const SARIF_SCHEMA = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;

/** Results with everything a formatter must survive: hostile paths and messages, many files, a clean one. */
const RESULTS: LintResult[] = [
  {
    path: 'docs/specs/audit log.md',
    template: 'design-doc',
    diagnostics: [
      {
        ruleId: 'section-required',
        severity: 'error',
        message: "Missing required section 'Security Considerations' (level 2), expected after 'Monitoring & Observability'",
        line: 92,
        column: 1,
        endLine: 92,
        endColumn: 30,
        hint: "Add '## Security Considerations' after the 'Monitoring & Observability' section (line 92).",
        data: { section: 'Security Considerations' },
        related: [
          { message: "'Monitoring & Observability', the section it belongs after", line: 80, column: 1, endLine: 80, endColumn: 30 },
          { path: 'docs/other spec.md', message: 'the same section, in another spec', line: 3, column: 1, endLine: 3, endColumn: 27 },
        ],
      },
      { ruleId: 'placeholder', severity: 'warning', message: "Placeholder '<T> & \"quotes\"' is left: 100% done, a:b, c", line: 120, column: 7, endLine: 120, endColumn: 22 },
    ],
  },
  {
    path: 'a\n::warning title=Injected::x.md',
    template: null,
    diagnostics: [
      { ruleId: 'template-unknown', severity: 'warning', message: 'line one\r\n::error::injected \u001b[31mred\u001b[0m \u0007 ☃', line: 1, column: 1, endLine: 1, endColumn: 5 },
    ],
  },
  { path: 'docs/clean.md', template: 'feature', diagnostics: [] },
];

/** What may differ between machines or with doc edits: the package's location and the rule docs' text. */
function stable(name: string, output: string): string {
  const located = output.replaceAll(pathToFileURL(ROOT).href, 'file:///<package>');
  if (name !== 'sarif') return located;
  const log = JSON.parse(located) as { runs: { tool: { driver: { rules: { help?: { text?: string; markdown: string }; fullDescription?: { text: string } }[] } } }[] };
  for (const rule of log.runs[0]?.tool.driver.rules ?? []) {
    if (rule.help) rule.help = { text: '<rules/<id>.md as text>', markdown: '<rules/<id>.md>' };
    if (rule.fullDescription) rule.fullDescription.text = "<rules/<id>.md's first paragraph>";
  }
  return JSON.stringify(log, null, 2);
}

describe.each(Object.keys(formatters))('%s formatter', (name) => {
  it('renders the results (snapshot)', () => {
    const formatter = formatters[name];
    expect(stable(name, formatter?.(RESULTS, { color: false }) ?? '')).toMatchSnapshot();
  });
});

describe('sarif', () => {
  const log = JSON.parse(formatters.sarif?.(RESULTS, { color: false }) ?? '{}') as {
    runs: { tool: { driver: { rules: { id: string; name?: string; helpUri?: string; shortDescription: { text: string }; fullDescription: { text: string }; help: { text: string; markdown: string } }[] } }; results: { ruleIndex: number; ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }[] }[] }[];
  };

  it('validates against the official SARIF 2.1.0 JSON Schema', () => {
    const ajv = new Ajv04({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
    const validate = ajv.compile(SARIF_SCHEMA);
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('describes every rule from its doc (no file: help URIs, which no viewer can open), and points results at them', () => {
    const driverRules = log.runs[0]?.tool.driver.rules ?? [];
    expect(driverRules.map((r) => r.id)).toEqual(rules.map((r) => r.meta.id));
    for (const rule of driverRules) {
      const doc = readFileSync(join(ROOT, 'rules', `${rule.id}.md`), 'utf8');
      expect(rule.helpUri).toBeUndefined();
      expect(rule.name).not.toBe(rule.id);
      expect(rule.fullDescription.text.length).toBeGreaterThan(20);
      expect(rule.fullDescription.text).not.toMatch(/^#|\]\(|\n/);
      expect(rule.help.markdown.split('\n')[0]).toBe(doc.split('\n')[0]);
      expect(rule.help.text.startsWith(`${rule.id}\n${'='.repeat(rule.id.length)}\n`)).toBe(true);
      expect(rule.help.text).not.toMatch(/^```|^## (Examples|How to fix)$/m);
    }
    expect(driverRules.find((r) => r.id === 'section-order')?.name).toBe('SectionOrder');
    expect(driverRules.find((r) => r.id === 'code-fence-unclosed')?.fullDescription.text).toMatch(/^A fenced code block \(``` or ~~~\) that is never closed\. CommonMark runs such a block to the end of the document,/);
    for (const result of log.runs[0]?.results ?? []) expect(driverRules[result.ruleIndex]?.id).toBe(result.ruleId);
    expect(log.runs[0]?.results[0]?.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'docs/specs/audit%20log.md' },
      region: { startLine: 92, startColumn: 1, endLine: 92, endColumn: 30 },
    });
    // `related` becomes relatedLocations: the diagnostic's own file unless another path is named.
    expect((log.runs[0]?.results[0] as { relatedLocations?: unknown } | undefined)?.relatedLocations).toEqual([
      {
        id: 1,
        physicalLocation: { artifactLocation: { uri: 'docs/specs/audit%20log.md' }, region: { startLine: 80, startColumn: 1, endLine: 80, endColumn: 30 } },
        message: { text: "'Monitoring & Observability', the section it belongs after" },
      },
      {
        id: 2,
        physicalLocation: { artifactLocation: { uri: 'docs/other%20spec.md' }, region: { startLine: 3, startColumn: 1, endLine: 3, endColumn: 27 } },
        message: { text: 'the same section, in another spec' },
      },
    ]);
  });
});

describe('sarif fingerprints and unlinted files', () => {
  const base = { ruleId: 'section-empty', severity: 'warning' as const, message: "Section 'Goals' is empty", column: 1, endColumn: 9, anchor: { section: 'Goals', text: 'abc' } };
  const at = (line: number) => ({ ...base, line, endLine: line });
  const parse = (results: LintResult[]) =>
    JSON.parse(formatters.sarif?.(results, { color: false }) ?? '{}') as {
      runs: { results: { ruleId: string; partialFingerprints: Record<string, string> }[]; invocations: { executionSuccessful: boolean; toolExecutionNotifications: { descriptor: { id: string }; associatedRule?: { id: string } }[] }[] }[];
    };
  const prints = (results: LintResult[]) => parse(results).runs[0]?.results.map((r) => r.partialFingerprints['speclintAnchor/v2']);

  it('keeps a finding\'s fingerprint when lines move, and tells apart the same finding twice in a file', () => {
    const before = prints([{ path: 's.md', template: null, diagnostics: [at(10), at(30)] }]);
    const after = prints([{ path: 's.md', template: null, diagnostics: [at(14), at(40)] }]);
    expect(before).toEqual(after);
    expect(new Set(before ?? []).size).toBe(2);
    expect(prints([{ path: 'other.md', template: null, diagnostics: [at(10)] }])?.[0]).not.toBe(before?.[0]);
  });

  it('reports a file it could not lint, and a crashed rule, as tool execution notifications, not results', () => {
    const log = parse([
      { path: 'big.md', template: null, diagnostics: [{ ruleId: 'file-too-large', severity: 'error', message: 'Not linted: too large', line: 1, column: 1, endLine: 1, endColumn: 1, fatal: true }] },
      { path: 'x.md', template: null, diagnostics: [{ ...at(3) }, { ruleId: 'section-order', severity: 'error', message: "Rule 'section-order' failed", line: 1, column: 1, endLine: 1, endColumn: 1, fatal: true }] },
    ]);
    expect(log.runs[0]?.results.map((r) => r.ruleId)).toEqual(['section-empty']);
    const invocation = log.runs[0]?.invocations[0];
    expect(invocation?.executionSuccessful).toBe(false);
    expect(invocation?.toolExecutionNotifications.map((n) => [n.descriptor.id, n.associatedRule?.id])).toEqual([['file-too-large', undefined], ['section-order', 'section-order']]);
  });
});

describe('project URLs for SARIF', () => {
  it('takes only https URLs from package.json, and rule doc links only for a known host', () => {
    expect(projectUrls({})).toEqual({});
    expect(projectUrls({ homepage: 'http://example.com', repository: 'github:acme/speclint' })).toEqual({});
    const gh = projectUrls({ repository: { type: 'git', url: 'git+https://github.com/acme/speclint.git' } });
    expect(gh.information).toBe('https://github.com/acme/speclint');
    expect(gh.ruleDoc?.('section-order')).toBe('https://github.com/acme/speclint/blob/HEAD/rules/section-order.md');
    const other = projectUrls({ homepage: 'https://speclint.dev', repository: 'https://git.example.org/acme/speclint' });
    expect(other.information).toBe('https://speclint.dev');
    expect(other.ruleDoc).toBeUndefined();
  });
});

describe('github', () => {
  const output = formatters.github?.(RESULTS, { color: false }) ?? '';
  it('writes one workflow command per diagnostic, and nothing a spec can inject', () => {
    const lines = output.split('\n').filter(Boolean);
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).toMatch(/^::(?:error|warning) file=[^:,]*,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[^:,]+::[^\r\n]*$/);
    expect(lines[0]).toBe(
      "::error file=docs/specs/audit log.md,line=92,col=1,endLine=92,endColumn=30,title=section-required::Missing required section 'Security Considerations' (level 2), expected after 'Monitoring & Observability'%0AAdd '## Security Considerations' after the 'Monitoring & Observability' section (line 92).",
    );
    expect(lines[2]?.startsWith('::warning file=a%0A%3A%3Awarning title=Injected%3A%3Ax.md,line=1')).toBe(true);
  });

  it('escapes data and properties as GitHub documents', () => {
    expect(escapeData('100% \r\n done')).toBe('100%25 %0D%0A done');
    expect(escapeProperty('a:b,c%')).toBe('a%3Ab%2Cc%25');
  });
});

describe('junit', () => {
  type Suites = { testsuites: { '@_tests': string; '@_failures': string; '@_time'?: string; testsuite: { '@_name': string; '@_failures': string; '@_time'?: string; testcase: { failure?: unknown; 'system-out'?: string }[] }[] } };
  const parse = (output: string): Suites => {
    expect(XMLValidator.validate(output)).toBe(true);
    return new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'testsuite' || name === 'testcase' }).parse(output) as Suites;
  };
  const seconds = { total: 1.5, files: new Map([['docs/specs/audit log.md', 0.25], ['docs/clean.md', 0.125]]) };

  it('is well-formed XML with one testsuite per file; errors fail, warnings pass with their text in system-out', () => {
    const xml = parse(formatters.junit?.(RESULTS, { color: false, seconds }) ?? '');
    expect(xml.testsuites['@_failures']).toBe('1');
    expect(xml.testsuites['@_time']).toBe('1.500');
    expect(xml.testsuites.testsuite.map((s) => [s['@_name'], s['@_failures'], s.testcase.length, s['@_time']])).toEqual([
      ['docs/specs/audit log.md', '1', 2, '0.250'],
      ['a\n::warning title=Injected::x.md', '0', 1, '0.000'],
      ['docs/clean.md', '0', 1, '0.125'],
    ]);
    const [error, warning] = xml.testsuites.testsuite[0]?.testcase ?? [];
    expect(error?.failure).toBeDefined();
    expect(warning?.failure).toBeUndefined();
    expect(warning?.['system-out']).toContain("warning: Placeholder '<T> & \"quotes\"' is left");
    expect(xml.testsuites.testsuite[2]?.testcase[0]?.failure).toBeUndefined();
  });

  it('makes warnings failures when there are more than --max-warnings', () => {
    expect(parse(formatters.junit?.(RESULTS, { color: false, maxWarnings: 2 }) ?? '').testsuites['@_failures']).toBe('1');
    const over = parse(formatters.junit?.(RESULTS, { color: false, maxWarnings: 1 }) ?? '');
    expect(over.testsuites['@_failures']).toBe('3');
    expect(over.testsuites['@_time']).toBeUndefined();
  });
});

describe('compact', () => {
  it('writes path:line:col: severity: message [rule], one per line', () => {
    const lines = (formatters.compact?.(RESULTS, { color: false }) ?? '').split('\n').filter(Boolean);
    expect(lines[0]).toBe("docs/specs/audit log.md:92:1: error: Missing required section 'Security Considerations' (level 2), expected after 'Monitoring & Observability' [section-required]");
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('a\\n::warning title=Injected::x.md:1:1: warning: line one\\n::error::injected \\x1b[31mred\\x1b[0m \\x07 ☃ [template-unknown]');
  });
});
