import type { Rule } from '../src/rule.js';
import { metadataDate } from './metadata-date.js';
import { metadataRequired } from './metadata-required.js';
import { metadataStatus } from './metadata-status.js';
import { sectionDuplicate } from './section-duplicate.js';
import { sectionLevel } from './section-level.js';
import { sectionName } from './section-name.js';
import { sectionOrder } from './section-order.js';
import { sectionRequired } from './section-required.js';
import { tableColumns } from './table-columns.js';
import { tableRequired } from './table-required.js';
import { templateUnknown } from './template-unknown.js';
import { title } from './title.js';

/** Every rule speclint has, in the order their docs list them. */
export const rules: readonly Rule[] = [
  templateUnknown,
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
];

export const rulesById: ReadonlyMap<string, Rule> = new Map(rules.map((rule) => [rule.meta.id, rule]));
