import { type AnyRule, type RepositoryRule, type Rule, isRepositoryRule } from '../src/engine/rule.js';
import { checklistOpen } from './checklist-open.js';
import { codeFenceUnclosed } from './code-fence-unclosed.js';
import { directiveUnknownRule } from './directive-unknown-rule.js';
import { frontMatter } from './front-matter.js';
import { idFilename } from './id-filename.js';
import { idUnique } from './id-unique.js';
import { linkAnchor } from './link-anchor.js';
import { metadataDate } from './metadata-date.js';
import { metadataRequired } from './metadata-required.js';
import { metadataStatus } from './metadata-status.js';
import { placeholder } from './placeholder.js';
import { referenceResolves } from './reference-resolves.js';
import { sectionDuplicate } from './section-duplicate.js';
import { sectionEmpty } from './section-empty.js';
import { sectionLevel } from './section-level.js';
import { sectionName } from './section-name.js';
import { sectionNumbering } from './section-numbering.js';
import { sectionOrder } from './section-order.js';
import { sectionRequired } from './section-required.js';
import { tableColumns } from './table-columns.js';
import { tableRequired } from './table-required.js';
import { templateUnknown } from './template-unknown.js';
import { title } from './title.js';

/** Every rule speclint has, in the order their docs list them. */
export const rules: readonly AnyRule[] = [
  templateUnknown,
  frontMatter,
  codeFenceUnclosed,
  title,
  sectionRequired,
  sectionOrder,
  sectionLevel,
  sectionName,
  sectionDuplicate,
  tableRequired,
  tableColumns,
  metadataRequired,
  metadataStatus,
  metadataDate,
  placeholder,
  sectionEmpty,
  checklistOpen,
  linkAnchor,
  sectionNumbering,
  directiveUnknownRule,
  idFilename,
  idUnique,
  referenceResolves,
];

/** The rules that check one document at a time. */
export const documentRules: readonly Rule[] = rules.filter((rule): rule is Rule => !isRepositoryRule(rule));

/** The rules over the whole linted set, run after every file is linted. */
export const repositoryRules: readonly RepositoryRule[] = rules.filter(isRepositoryRule);

export const rulesById: ReadonlyMap<string, AnyRule> = new Map(rules.map((rule) => [rule.meta.id, rule]));
