// The precision harness's pure logic: diagnostics as TSV rows, diffs against a baseline, seeded
// sampling of flagged documents, and matching judgments to diagnostics. No file system, no process.

/** Tabs and newlines would break a TSV row; messages never need them. */
function cell(value) {
  return String(value ?? '').replace(/[\t\r\n]+/g, ' ');
}

export const BASELINE_COLUMNS = ['file', 'line', 'severity', 'rule', 'message'];
export const JUDGMENT_COLUMNS = ['set', 'file', 'line', 'rule', 'message', 'verdict', 'reason'];

/**
 * The diagnostics of a speclint JSON report as rows { file, line, severity, rule, message }, with
 * `file` made relative by `relativize` (so baselines do not depend on where the corpus lives),
 * sorted by file, line, rule, message.
 */
export function reportRows(report, relativize) {
  const rows = [];
  for (const file of report.files ?? []) {
    const path = relativize(file.path);
    for (const d of file.diagnostics ?? []) {
      rows.push({ file: path, line: d.line, severity: d.severity, rule: d.ruleId, message: d.message });
    }
  }
  return rows.sort(compareRows);
}

export function compareRows(a, b) {
  return (
    (a.set ?? '').localeCompare(b.set ?? '') ||
    a.file.localeCompare(b.file) ||
    Number(a.line) - Number(b.line) ||
    a.rule.localeCompare(b.rule) ||
    a.message.localeCompare(b.message)
  );
}

/** Rows as TSV text: a header line, then one line per row, columns in the given order. */
export function toTsv(rows, columns) {
  return [columns.join('\t'), ...rows.map((row) => columns.map((c) => cell(row[c])).join('\t'))].join('\n') + '\n';
}

/** TSV text (header line first) as rows; blank lines and lines starting with '#' are skipped. */
export function parseTsv(text) {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '' && !line.startsWith('#'));
  const header = (lines.shift() ?? '').split('\t');
  return lines.map((line) => {
    const values = line.split('\t');
    const row = Object.fromEntries(header.map((name, k) => [name, values[k] ?? '']));
    if ('line' in row) row.line = Number(row.line);
    return row;
  });
}

/**
 * The identity of a diagnostic that survives edits elsewhere in the file: file, rule and message,
 * not the line (messages name sections, fields and values; they carry no line numbers of their own).
 */
export function diagnosticKey(row) {
  return `${row.file}\u0000${row.rule}\u0000${row.message}`;
}

/**
 * What changed between a baseline and the current rows, compared as multisets of diagnosticKey
 * (plus severity): a diagnostic that only moved to another line is neither added nor removed.
 */
export function diffRows(baseline, current) {
  const key = (row) => `${diagnosticKey(row)}\u0000${row.severity}`;
  const remaining = new Map();
  for (const row of baseline) {
    const k = key(row);
    const list = remaining.get(k);
    if (list) list.push(row);
    else remaining.set(k, [row]);
  }
  const added = [];
  for (const row of current) {
    const list = remaining.get(key(row));
    if (list && list.length > 0) list.shift();
    else added.push(row);
  }
  const removed = [...remaining.values()].flat().sort(compareRows);
  return { added, removed };
}

/** Per-set figures: files, clean files (no error), errors per rule, warnings. */
export function summarize(rows, files) {
  const errorsByRule = {};
  const flagged = new Set();
  let errors = 0;
  let warnings = 0;
  for (const row of rows) {
    if (row.severity === 'error') {
      errors++;
      flagged.add(row.file);
      errorsByRule[row.rule] = (errorsByRule[row.rule] ?? 0) + 1;
    } else if (row.severity === 'warning') warnings++;
  }
  return { files: files.length, clean: files.length - flagged.size, errors, warnings, errorsByRule };
}

/** mulberry32: a small, well-mixed 32-bit PRNG; the same seed gives the same sequence everywhere. */
export function seededRandom(seed) {
  let state = Number(seed) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` of `items`, picked reproducibly: a seeded Fisher-Yates shuffle of the sorted items, then
 * the first `count`. The seed is mixed with `salt` (the set's name) so that sets get independent
 * draws. A larger count extends a smaller one's pick (the first 5 of 15 are the 5).
 */
export function seededSample(items, count, seed, salt = '') {
  const sorted = [...new Set(items)].sort();
  let mixed = Number(seed) >>> 0;
  for (const ch of salt) mixed = (Math.imul(mixed ^ ch.charCodeAt(0), 0x01000193) >>> 0);
  const random = seededRandom(mixed);
  for (let k = sorted.length - 1; k > 0; k--) {
    const j = Math.floor(random() * (k + 1));
    [sorted[k], sorted[j]] = [sorted[j], sorted[k]];
  }
  return sorted.slice(0, count);
}

/** The files with at least one error. */
export function flaggedFiles(rows) {
  return [...new Set(rows.filter((row) => row.severity === 'error').map((row) => row.file))].sort();
}

function judgmentKey(row) {
  return `${row.set}\u0000${diagnosticKey(row)}`;
}

/**
 * Adds a judging row (verdict and reason empty) for every error of the given documents that has no
 * row yet; existing rows are kept as they are (verdicts are never lost). `errors` are current error
 * rows with a `set` field; `files` is a Set of `set\0file` keys of the sampled documents.
 */
export function extendJudgments(judgments, errors, files) {
  const have = new Map();
  for (const row of judgments) have.set(judgmentKey(row), (have.get(judgmentKey(row)) ?? 0) + 1);
  const added = [];
  for (const row of errors) {
    if (!files.has(`${row.set}\u0000${row.file}`)) continue;
    const k = judgmentKey(row);
    const count = have.get(k) ?? 0;
    if (count > 0) {
      have.set(k, count - 1);
      continue;
    }
    added.push({ set: row.set, file: row.file, line: row.line, rule: row.rule, message: row.message, verdict: '', reason: '' });
  }
  return { rows: [...judgments, ...added].sort(compareRows), added: added.length };
}

/** A verdict cell as true/false, or null when empty or not understood. */
export function parseVerdict(value) {
  const v = String(value ?? '').trim().toLowerCase();
  if (v === 'true' || v === 't' || v === 'yes') return true;
  if (v === 'false' || v === 'f' || v === 'no') return false;
  return null;
}

function ratio(stats) {
  const judged = stats.true + stats.false;
  return { ...stats, precision: judged === 0 ? null : stats.true / judged };
}

/**
 * Precision from judgments matched to current errors (by set, file, rule and message; the line is
 * only a hint for the reader). A judgment applies to every current error with its key.
 * Returns per-set and per-rule figures, the unjudged errors of sampled documents (documents with
 * at least one judgment row) and the stale judgments (no current error has their key).
 */
export function judge(judgments, errors) {
  const verdicts = new Map();
  for (const row of judgments) {
    const verdict = parseVerdict(row.verdict);
    const k = judgmentKey(row);
    if (!verdicts.has(k) || verdicts.get(k) === null) verdicts.set(k, verdict);
  }
  const sampled = new Set(judgments.map((row) => `${row.set}\u0000${row.file}`));
  const currentKeys = new Set(errors.map(judgmentKey));
  const bySet = {};
  const byRule = {};
  const unjudged = [];
  const total = { true: 0, false: 0 };
  for (const row of errors) {
    if (!sampled.has(`${row.set}\u0000${row.file}`)) continue;
    const verdict = verdicts.get(judgmentKey(row));
    if (verdict === undefined || verdict === null) {
      unjudged.push(row);
      continue;
    }
    const field = verdict ? 'true' : 'false';
    for (const [table, name] of [[bySet, row.set], [byRule, row.rule]]) {
      table[name] ??= { true: 0, false: 0 };
      table[name][field]++;
    }
    total[field]++;
  }
  const stale = judgments.filter((row) => !currentKeys.has(judgmentKey(row)));
  const mapValues = (table) => Object.fromEntries(Object.entries(table).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, ratio(v)]));
  return { bySet: mapValues(bySet), byRule: mapValues(byRule), total: ratio(total), unjudged, stale };
}
