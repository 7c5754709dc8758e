import { ageInFullYears } from './age.ts';
import type { InstructionLanguage, Kindergarten, PriorityCategory } from './application.ts';
import { parseIin } from './iin.ts';

/** What registering an application needs, from the staff form or from an imported row. */
export interface NewApplicationInput {
  readonly childIin: string;
  readonly childName: string;
  readonly applicantIin: string;
  readonly applicantPhone: string;
  readonly applicantName: string;
  readonly priority: PriorityCategory;
  readonly kindergartenIds: readonly string[];
  readonly language: InstructionLanguage;
}

export interface FieldProblem {
  readonly path: string;
  /** A key of the localized field messages. */
  readonly key: string;
}

/** Oldest age at which a child can still wait for a kindergarten place (school starts at 6–7). */
export const maxQueueAge = 6;

/**
 * The rules a new application must meet beyond its shape: real IINs, a child 0–6 years old on
 * `today` (the birth date comes from the child's IIN), 1–3 distinct kindergartens of the tenant
 * teaching in the chosen language. Returns every problem, not just the first.
 */
export function checkNewApplication(input: NewApplicationInput, today: string, kindergartens: ReadonlyMap<string, Kindergarten>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const child = parseIin(input.childIin);
  if (!child.ok) problems.push({ path: 'childIin', key: 'iin_invalid' });
  else if (child.value.birthDate > today || ageInFullYears(child.value.birthDate, today) > maxQueueAge) problems.push({ path: 'childIin', key: 'child_age' });
  if (!parseIin(input.applicantIin).ok) problems.push({ path: 'applicantIin', key: 'iin_invalid' });
  if (!/^\+7\d{10}$/.test(input.applicantPhone)) problems.push({ path: 'applicantPhone', key: 'phone_format' });
  const ids = input.kindergartenIds;
  if (ids.length < 1 || ids.length > 3 || new Set(ids).size !== ids.length) problems.push({ path: 'kindergartenIds', key: 'kindergartens_distinct' });
  ids.forEach((id, index) => {
    const kindergarten = kindergartens.get(id);
    if (!kindergarten) problems.push({ path: `kindergartenIds.${index}`, key: 'kindergarten_unknown' });
    else if (!kindergarten.languages.includes(input.language)) problems.push({ path: `kindergartenIds.${index}`, key: 'kindergarten_language' });
  });
  return problems;
}

/** The child's birth date from a valid child IIN. */
export function birthDateOf(childIin: string): string {
  const parsed = parseIin(childIin);
  if (!parsed.ok) throw new RangeError('invalid child IIN');
  return parsed.value.birthDate;
}
