import type { SurveyQuestion } from '../survey-definition.ts';
import type { QuestionKind } from './kind.ts';
import { kindergartensKind } from './kindergartens.ts';
import { multipleKind } from './multiple.ts';
import { singleKind } from './single.ts';

export type { Cell, CountedOption, CountedQuestion, ExportLookups, QuestionKind } from './kind.ts';
export { otherOption } from './multiple.ts';

/** Every kind of question, one module each; a kind without a module fails `tsc`. */
export const questionKinds = {
  kindergartens: kindergartensKind,
  single: singleKind,
  multiple: multipleKind,
} satisfies { readonly [K in SurveyQuestion['kind']]: QuestionKind<Extract<SurveyQuestion, { kind: K }>> };

/** The module of a question's kind, typed for that question. */
export function kindOf<Q extends SurveyQuestion>(question: Q): QuestionKind<Q> {
  return questionKinds[question.kind] as unknown as QuestionKind<Q>;
}
