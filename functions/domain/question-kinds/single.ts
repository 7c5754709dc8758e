import * as z from 'zod/mini';
import type { SurveyQuestion } from '../survey-definition.ts';
import { labelOf, ticked, type QuestionKind } from './kind.ts';
import { localizedWire, optionWire } from './wire.ts';

type SingleQuestion = Extract<SurveyQuestion, { kind: 'single' }>;
type SingleAnswer = { choice?: string; reasons?: string[] };

const ids = (options: readonly { id: string }[]) => options.map((option) => option.id) as [string, ...string[]];

/**
 * One of several, with optional reasons (any of). Counts `<question>#<choice>` and
 * `<question>.reasons#<reason>`; the answers export has a column with the choice's label and one
 * 1/0 column per reason ("Question — Why — Reason"), so a spreadsheet sums them directly.
 */
export const singleKind = {
  answerSchema: (question) => {
    const choice = z.enum(ids(question.options));
    return question.reasons ? z.strictObject({ choice, reasons: z.array(z.enum(ids(question.reasons.options))).check(z.maxLength(question.reasons.options.length)) }) : z.strictObject({ choice });
  },
  counterKeys: (question, answer) => {
    const { choice, reasons } = answer as SingleAnswer;
    return [`${question.id}#${choice}`, ...(reasons ?? []).map((reason) => `${question.id}.reasons#${reason}`)];
  },
  counted: (question) => ({
    id: question.id,
    kind: 'single',
    title: question.title,
    options: question.options.map((option) => ({ option, key: `${question.id}#${option.id}` })),
    ...(question.reasons && {
      reasons: { title: question.reasons.title, options: question.reasons.options.map((option) => ({ option, key: `${question.id}.reasons#${option.id}` })) },
    }),
  }),
  exportHeader: (question, language) => [
    question.title[language],
    ...(question.reasons?.options ?? []).map((option) => `${question.title[language]} — ${question.reasons!.title[language]} — ${option.label[language]}`),
  ],
  exportCells: (question, answer, language) => {
    const given = answer as SingleAnswer | undefined;
    const reasons = new Set(given?.reasons ?? []);
    return [
      given?.choice ? labelOf(question.options, given.choice, language) : '',
      ...(question.reasons?.options ?? []).map((option) => ticked(given?.choice !== undefined, reasons.has(option.id))),
    ];
  },
  wireSchema: () =>
    z.object({
      id: z.string(),
      kind: z.literal('single'),
      title: localizedWire(),
      hint: z.optional(localizedWire()),
      options: z.array(optionWire()),
      reasons: z.optional(z.object({ title: localizedWire(), options: z.array(optionWire()) })),
    }),
} satisfies QuestionKind<SingleQuestion>;
