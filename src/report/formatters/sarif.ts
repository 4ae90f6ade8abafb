import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { rules } from '../../../rules/index.js';
import { version } from '../../util/version.js';
import { safeJson } from './escape.js';
import { projectUrls } from './project-urls.js';
import { docAsText, readRuleDoc } from './rule-doc.js';
import type { Formatter } from './types.js';
import type { Diagnostic, LintResult } from '../../core/types.js';
import { shortHash } from '../../util/hash.js';
import { dataParts } from '../../core/anchor.js';

/** A SARIF artifact URI: relative paths stay relative (forward slashes, percent-encoded), absolute ones become file: URLs. */
function artifactUri(path: string): string {
  if (isAbsolute(path)) return pathToFileURL(path).href;
  return path
    .split(/[\\/]/)
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/**
 * `section-order` → `SectionOrder`: SARIF wants a Pascal-case friendly name that differs from the opaque id,
 * and no name at all where the two would only differ in case (`title`).
 */
function friendlyName(id: string): { name?: string } {
  const name = id.replace(/(^|-)([a-z0-9])/g, (_, _dash: string, c: string) => c.toUpperCase());
  return name.toLowerCase() === id.toLowerCase() ? {} : { name };
}

function ruleDescriptors(urls: ReturnType<typeof projectUrls>): object[] {
  return rules.map((rule) => {
    const { id, description, severity } = rule.meta;
    const doc = readRuleDoc(id);
    return {
      id,
      ...friendlyName(id),
      shortDescription: { text: description },
      fullDescription: { text: doc?.summary || description },
      help: doc ? { text: docAsText(doc.markdown), markdown: doc.markdown } : { text: description },
      ...(urls.ruleDoc ? { helpUri: urls.ruleDoc(id) } : {}),
      defaultConfiguration: { level: severity },
    };
  });
}

/**
 * Fingerprints that survive edits elsewhere in the file and rewording of messages: the diagnostic's anchor
 * (section and a hash of the text it is about and of its data, as the baseline uses), numbered when the
 * same finding occurs more than once in a file.
 */
function fingerprints(result: LintResult): Map<Diagnostic, string> {
  const seen = new Map<string, number>();
  const out = new Map<Diagnostic, string>();
  for (const d of result.diagnostics) {
    if (d.fatal) continue;
    const key = d.anchor
      ? shortHash(result.path, d.ruleId, d.anchor.section, d.anchor.text)
      : shortHash(result.path, d.ruleId, String(d.line), ...dataParts(d.data));
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    out.set(d, n === 1 ? key : `${key}:${n}`);
  }
  return out;
}

type Region = Pick<Diagnostic, 'line' | 'column' | 'endLine' | 'endColumn'>;

function location(path: string, d: Region): { physicalLocation: object } {
  return {
    physicalLocation: {
      artifactLocation: { uri: artifactUri(path) },
      region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
    },
  };
}

/** The other places of a problem (the first copy of a duplicate, the other spec with the same id), numbered from 1. */
function relatedLocations(path: string, d: Diagnostic): object {
  if (!d.related?.length) return {};
  return { relatedLocations: d.related.map((r, k) => ({ id: k + 1, ...location(r.path ?? path, r), message: { text: r.message } })) };
}

/** SARIF 2.1.0, as GitHub code scanning and other SARIF viewers read it (checked with Microsoft's SARIF Multitool). */
export const sarif: Formatter = (results) => {
  const index = new Map(rules.map((rule, k) => [rule.meta.id, k]));
  const urls = projectUrls();
  const unlinted = results.flatMap((result) => result.diagnostics.filter((d) => d.fatal).map((d) => ({ result, d })));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'speclint',
            version,
            semanticVersion: version,
            ...(urls.information ? { informationUri: urls.information } : {}),
            rules: ruleDescriptors(urls),
          },
        },
        // Files speclint could not lint (and rules that crashed) are the tool's failures, not problems in the
        // files: they are execution notifications, which code scanning shows on its tool status page.
        invocations: [
          {
            executionSuccessful: unlinted.length === 0,
            toolExecutionNotifications: unlinted.map(({ result, d }) => ({
              level: 'error',
              descriptor: { id: d.ruleId },
              ...(index.has(d.ruleId) ? { associatedRule: { id: d.ruleId, index: index.get(d.ruleId) } } : {}),
              message: { text: d.hint ? `${d.message}. ${d.hint}` : d.message },
              locations: [location(result.path, d)],
            })),
          },
        ],
        columnKind: 'utf16CodeUnits',
        results: results.flatMap((result) => {
          const prints = fingerprints(result);
          return result.diagnostics
            .filter((d) => !d.fatal)
            .map((d) => ({
              ruleId: d.ruleId,
              ...(index.has(d.ruleId) ? { ruleIndex: index.get(d.ruleId) } : {}),
              level: d.severity,
              message: { text: d.hint ? `${d.message}. ${d.hint}` : d.message },
              locations: [location(result.path, d)],
              ...relatedLocations(result.path, d),
              // Lets code scanning follow a problem when lines move or its message is reworded (v2: hashes data, not message text).
              partialFingerprints: { 'speclintAnchor/v2': prints.get(d) },
            }));
        }),
      },
    ],
  };
  return `${safeJson(JSON.stringify(log, null, 2))}\n`;
};
