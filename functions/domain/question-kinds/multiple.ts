import * as z from 'zod/mini';
import type { SurveyOption, SurveyQuestion } from '../survey-definition.ts';
import { ticked, type QuestionKind } from './kind.ts';
import { localizedWire, optionWire } from './wire.ts';

type MultipleQuestion = Extract<SurveyQuestion, { kind: 'multiple' }>;
type MultipleAnswer = { options?: string[]; other?: string };

/** The "other" option of a multiple-choice question, counted when a parent wrote their own text. */
export const otherOption: SurveyOption = { id: 'other', label: { kk: 'Басқа', ru: 'Другое', en: 'Other' } };

/** The options a question counts: its own, and "other" when it offers a text. */
const countedOptions = (question: MultipleQuestion) => [...question.options, ...(question.otherMaxLength ? [otherOption] : [])];

/**
 * Any of several, with an optional short "other" text. Counts `<question>#<option>` and
 * `<question>#other` (never the text: a parent may have typed anything); the answers export has
 * one 1/0 column per option ("Question — Option"), so a spreadsheet sums or filters them directly.
 */
export const multipleKind = {
  answerSchema: (question) => {
    const options = z.array(z.enum(question.options.map((option) => option.id) as [string, ...string[]])).check(z.maxLength(question.options.length), z.refine((ids) => new Set(ids).size === ids.length, { message: 'options_distinct' }));
    return question.otherMaxLength ? z.strictObject({ options, other: z.optional(z.string().check(z.trim(), z.maxLength(question.otherMaxLength))) }) : z.strictObject({ options });
  },
  counterKeys: (question, answer) => {
    const { options, other } = answer as MultipleAnswer;
    return [...(options ?? []).map((option) => `${question.id}#${option}`), ...(other ? [`${question.id}#other`] : [])];
  },
  counted: (question) => ({
    id: question.id,
    kind: 'multiple',
    title: question.title,
    options: countedOptions(question).map((option) => ({ option, key: `${question.id}#${option.id}` })),
  }),
  exportHeader: (question, language) => countedOptions(question).map((option) => `${question.title[language]} — ${option.label[language]}`),
  exportCells: (question, answer) => {
    const given = answer as MultipleAnswer | undefined;
    const picked = new Set([...(given?.options ?? []), ...(given?.other ? [otherOption.id] : [])]);
    return countedOptions(question).map((option) => ticked(given !== undefined, picked.has(option.id)));
  },
  wireSchema: () =>
    z.object({
      id: z.string(),
      kind: z.literal('multiple'),
      title: localizedWire(),
      hint: z.optional(localizedWire()),
      options: z.array(optionWire()),
      otherMaxLength: z.optional(z.int()),
    }),
} satisfies QuestionKind<MultipleQuestion>;
