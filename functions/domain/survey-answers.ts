import * as z from 'zod';
import type { LocalizedText } from './language.ts';
import type { SurveyDefinition, SurveyOption } from './survey-definition.ts';

/**
 * The request schema of a survey submission, derived from its definition: strict objects, only
 * the definition's options, 1–3 distinct kindergartens, bounded "other" text. A new definition
 * version gives a new schema without new code.
 */
export function answersSchema(definition: SurveyDefinition) {
  const shape: Record<string, z.ZodType> = {};
  for (const question of definition.questions) {
    if (question.kind === 'kindergartens') {
      shape[question.id] = z
        .array(z.string().regex(/^[\w-]{1,60}$/))
        .min(question.min)
        .max(question.max)
        .refine((ids) => new Set(ids).size === ids.length, { message: 'kindergartens_distinct' });
    } else if (question.kind === 'single') {
      const choice = z.enum(question.options.map((option) => option.id) as [string, ...string[]]);
      shape[question.id] = question.reasons
        ? z.strictObject({ choice, reasons: z.array(z.enum(question.reasons.options.map((option) => option.id) as [string, ...string[]])).max(question.reasons.options.length) })
        : z.strictObject({ choice });
    } else {
      const options = z
        .array(z.enum(question.options.map((option) => option.id) as [string, ...string[]]))
        .max(question.options.length)
        .refine((ids) => new Set(ids).size === ids.length, { message: 'options_distinct' });
      shape[question.id] = question.otherMaxLength
        ? z.strictObject({ options, other: z.string().trim().max(question.otherMaxLength).optional() })
        : z.strictObject({ options });
    }
  }
  return z.strictObject({ version: z.literal(definition.version), answers: z.strictObject(shape) });
}

export type SurveyAnswers = Record<string, unknown>;

/**
 * The aggregate counters an answer adds to (`<question>#<option>`, and `answers#total`): what the
 * department's analytics read without ever scanning the answers.
 */
export function counterKeys(definition: SurveyDefinition, answers: SurveyAnswers): string[] {
  const keys = ['answers#total'];
  for (const question of definition.questions) {
    const answer = answers[question.id] as Record<string, unknown> | string[] | undefined;
    if (answer === undefined) continue;
    if (question.kind === 'kindergartens') keys.push(...(answer as string[]).map((id) => `${question.id}#${id}`));
    else if (question.kind === 'single') {
      const { choice, reasons } = answer as { choice: string; reasons?: string[] };
      keys.push(`${question.id}#${choice}`, ...(reasons ?? []).map((reason) => `${question.id}.reasons#${reason}`));
    } else {
      const { options, other } = answer as { options: string[]; other?: string };
      keys.push(...options.map((option) => `${question.id}#${option}`), ...(other ? [`${question.id}#other`] : []));
    }
  }
  return keys;
}

/** How each counter moves when an answer replaces an earlier one (re-submission): only the difference. */
export function counterDeltas(previous: readonly string[], next: readonly string[]): Map<string, number> {
  const deltas = new Map<string, number>();
  for (const key of previous) deltas.set(key, (deltas.get(key) ?? 0) - 1);
  for (const key of next) deltas.set(key, (deltas.get(key) ?? 0) + 1);
  for (const [key, delta] of deltas) if (delta === 0) deltas.delete(key);
  return deltas;
}

/** Who answered, as far as the analytics filters go: never the person, only where and which cohorts. */
export interface AnswerDimensions {
  /** The district of the first-choice kindergarten. */
  readonly district: string;
  /** Birth years of the parent's queued children in the tenant. */
  readonly cohorts: readonly number[];
}

/** The slice that holds every answer of a campaign. */
export const allSlice = 'all';

/** The slice a dashboard filter reads: all answers, one district, one cohort, or both. */
export function sliceOf(filter: { district?: string; cohort?: number }): string {
  if (filter.district && filter.cohort !== undefined) return `district#${filter.district}#cohort#${filter.cohort}`;
  if (filter.district) return `district#${filter.district}`;
  if (filter.cohort !== undefined) return `cohort#${filter.cohort}`;
  return allSlice;
}

/** Every slice an answer counts in, so each filter combination is one counter item to read. */
export function slicesOf(dimensions: AnswerDimensions): string[] {
  const cohorts = [...new Set(dimensions.cohorts)];
  return [
    allSlice,
    sliceOf({ district: dimensions.district }),
    ...cohorts.map((cohort) => sliceOf({ cohort })),
    ...cohorts.map((cohort) => sliceOf({ district: dimensions.district, cohort })),
  ];
}

/** An answer as the counters see it: its counter keys and the slices it counts in. */
export interface CountedAnswer {
  readonly keys: readonly string[];
  readonly dimensions: AnswerDimensions;
}

/**
 * How every slice's counters move when `next` replaces `previous` (or is the first answer): per
 * slice only the keys that differ, and slices without a change left out. A re-submission that
 * moves the first choice to another district takes the answer out of the old district's slices.
 */
export function sliceDeltas(previous: CountedAnswer | undefined, next: CountedAnswer): Map<string, Map<string, number>> {
  const before = previous ? new Set(slicesOf(previous.dimensions)) : new Set<string>();
  const after = new Set(slicesOf(next.dimensions));
  const moves = new Map<string, Map<string, number>>();
  for (const slice of new Set([...before, ...after])) {
    const deltas = counterDeltas(before.has(slice) ? previous!.keys : [], after.has(slice) ? next.keys : []);
    if (deltas.size > 0) moves.set(slice, deltas);
  }
  return moves;
}

/** The "other" option of a multiple-choice question, counted when a parent wrote their own text. */
export const otherOption: SurveyOption = { id: 'other', label: { kk: 'Басқа', ru: 'Другое', en: 'Other' } };

/** Questions 2–6 of the current survey with each option's counter key (what the dashboard and the aggregates export show). */
export function countedQuestions(definition: SurveyDefinition): { id: string; kind: 'single' | 'multiple'; title: LocalizedText; options: { option: SurveyOption; key: string }[]; reasons?: { title: LocalizedText; options: { option: SurveyOption; key: string }[] } }[] {
  return definition.questions.flatMap((question) => {
    if (question.kind === 'kindergartens') return [];
    const options = [...question.options, ...(question.kind === 'multiple' && question.otherMaxLength ? [otherOption] : [])];
    return [
      {
        id: question.id,
        kind: question.kind,
        title: question.title,
        options: options.map((option) => ({ option, key: `${question.id}#${option.id}` })),
        ...(question.kind === 'single' &&
          question.reasons && {
            reasons: { title: question.reasons.title, options: question.reasons.options.map((option) => ({ option, key: `${question.id}.reasons#${option.id}` })) },
          }),
      },
    ];
  });
}
