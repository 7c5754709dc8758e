import { z } from 'zod';
import type { SurveyDefinition } from './survey-definition.ts';

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
