import * as z from 'zod/mini';
import type { SurveyQuestion } from '../survey-definition.ts';
import type { Language } from '../language.ts';
import type { ExportLookups, QuestionKind } from './kind.ts';
import { localizedWire } from './wire.ts';

type KindergartensQuestion = Extract<SurveyQuestion, { kind: 'kindergartens' }>;

/**
 * The pick of 1–3 kindergartens (distinct, in order of preference). Each choice counts as
 * `<question>#<kindergarten>`: the load the dashboard and the parents' survey show.
 */
export const kindergartensKind = {
  answerSchema: (question) =>
    z.array(z.string().check(z.regex(/^[\w-]{1,60}$/))).check(z.minLength(question.min), z.maxLength(question.max), z.refine((ids) => new Set(ids).size === ids.length, { message: 'kindergartens_distinct' })),
  counterKeys: (question, answer) => (answer as string[]).map((id) => `${question.id}#${id}`),
  counted: () => undefined,
  exportHeader: (question, language) => Array.from({ length: question.max }, (_, i) => `${words.kindergarten[language]} ${i + 1}`),
  exportCells: (question, answer, _language: Language, lookups: ExportLookups) => {
    const chosen = (answer as string[] | undefined) ?? [];
    return Array.from({ length: question.max }, (_, i) => (chosen[i] ? lookups.kindergartenName(chosen[i]) : ''));
  },
  wireSchema: () =>
    z.object({ id: z.string(), kind: z.literal('kindergartens'), title: localizedWire(), hint: localizedWire(), min: z.int(), max: z.int() }),
} satisfies QuestionKind<KindergartensQuestion>;

const words = { kindergarten: { kk: 'Балабақша', ru: 'Детский сад', en: 'Kindergarten' } };
