import * as z from 'zod/mini';
import { kindOf, type CountedQuestion } from './question-kinds/index.ts';
import type { SurveyDefinition } from './survey-definition.ts';

export { otherOption } from './question-kinds/index.ts';

/**
 * The request schema of a survey submission, derived from its definition by each question's kind:
 * strict objects, only the definition's options, 1–3 distinct kindergartens, bounded "other"
 * text. A new definition version gives a new schema without new code.
 */
export function answersSchema(definition: SurveyDefinition) {
  const shape = Object.fromEntries(definition.questions.map((question) => [question.id, kindOf(question).answerSchema(question)]));
  return z.strictObject({ version: z.literal(definition.version), answers: z.strictObject(shape) });
}

/** The body of a submission: the answers of one of the versions kezek has, told apart by `version`. */
export function submissionSchema(definitions: readonly SurveyDefinition[]) {
  const [first, ...rest] = definitions.map(answersSchema);
  return z.discriminatedUnion('version', [first!, ...rest]);
}

export type SurveyAnswers = Record<string, unknown>;

/**
 * The aggregate counters an answer adds to (`<question>#<option>`, and `answers#total`): what the
 * department's analytics read without ever scanning the answers.
 */
export function counterKeys(definition: SurveyDefinition, answers: SurveyAnswers): string[] {
  return ['answers#total', ...definition.questions.flatMap((question) => (answers[question.id] === undefined ? [] : kindOf(question).counterKeys(question, answers[question.id])))];
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

/** The questions the dashboard and the aggregates export count option by option (all but the kindergarten pick), with each option's counter key. */
export function countedQuestions(definition: SurveyDefinition): CountedQuestion[] {
  return definition.questions.flatMap((question) => kindOf(question).counted(question) ?? []);
}
