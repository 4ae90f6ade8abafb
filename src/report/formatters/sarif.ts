import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { rules } from '../../../rules/index.js';
import { packageRoot } from '../../util/paths.js';
import { version } from '../../util/version.js';
import { safeJson } from './escape.js';
import type { Formatter } from './types.js';
import { shortHash } from '../../util/hash.js';

function ruleDocPath(id: string): string {
  return join(packageRoot(), 'rules', `${id}.md`);
}

/** A SARIF artifact URI: relative paths stay relative (forward slashes, percent-encoded), absolute ones become file: URLs. */
function artifactUri(path: string): string {
  if (isAbsolute(path)) return pathToFileURL(path).href;
  return path
    .split(/[\\/]/)
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/** SARIF 2.1.0, as GitHub code scanning and other SARIF viewers read it. */
export const sarif: Formatter = (results) => {
  const index = new Map(rules.map((rule, k) => [rule.meta.id, k]));
  const driverRules = rules.map((rule) => {
    const doc = ruleDocPath(rule.meta.id);
    return {
      id: rule.meta.id,
      name: rule.meta.id,
      shortDescription: { text: rule.meta.description },
      helpUri: pathToFileURL(doc).href,
      ...(existsSync(doc) ? { help: { text: rule.meta.description, markdown: readFileSync(doc, 'utf8') } } : {}),
      defaultConfiguration: { level: rule.meta.severity },
    };
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'speclint', version, semanticVersion: version, rules: driverRules } },
        // Files speclint could not lint (and rules that failed) are the tool's failures, not the files' problems.
        invocations: [
          {
            executionSuccessful: !results.some((result) => result.diagnostics.some((d) => d.fatal)),
            toolExecutionNotifications: results.flatMap((result) =>
              result.diagnostics
                .filter((d) => d.fatal)
                .map((d) => ({
                  level: 'error',
                  descriptor: { id: d.ruleId },
                  message: { text: d.message },
                  locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(result.path) } } }],
                })),
            ),
          },
        ],
        columnKind: 'utf16CodeUnits',
        results: results.flatMap((result) =>
          result.diagnostics.map((d) => ({
            ruleId: d.ruleId,
            ...(index.has(d.ruleId) ? { ruleIndex: index.get(d.ruleId) } : {}),
            level: d.severity,
            message: { text: d.hint ? `${d.message}. ${d.hint}` : d.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: artifactUri(result.path) },
                  region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
                },
              },
            ],
            // Lets code scanning follow a problem when lines move (the same anchor the baseline uses).
            ...(d.anchor ? { partialFingerprints: { 'speclintAnchor/v1': shortHash(result.path, d.ruleId, d.anchor.section, d.anchor.text) } } : {}),
          })),
        ),
      },
    ],
  };
  return `${safeJson(JSON.stringify(log, null, 2))}\n`;
};
