import type * as z from 'zod/mini';
import type { Language, LocalizedText } from '../language.ts';
import type { SurveyOption, SurveyQuestion } from '../survey-definition.ts';

/** A cell of a CSV table. */
export type Cell = string | number;

/** Names the export needs for ids it writes. */
export interface ExportLookups {
  readonly kindergartenName: (id: string) => string;
  readonly districtName: (id: string) => string;
}

/** An option with the counter that counts it. */
export interface CountedOption {
  readonly option: SurveyOption;
  readonly key: string;
}

/** A question as the dashboard and the aggregates export count it: each option's counter. */
export interface CountedQuestion {
  readonly id: string;
  readonly kind: 'single' | 'multiple';
  readonly title: LocalizedText;
  readonly options: readonly CountedOption[];
  readonly reasons?: { readonly title: LocalizedText; readonly options: readonly CountedOption[] };
}

/**
 * Everything kezek does with one kind of question, in one module: the answer's schema (the
 * submission's body is built from these), the counters an answer moves, what the dashboard counts,
 * the answers export's columns and cells, and how the question is described to clients. A new kind
 * is a new module and one line in `index.ts`; a new question of an existing kind is data only.
 */
export interface QuestionKind<Q extends SurveyQuestion> {
  readonly answerSchema: (question: Q) => z.ZodMiniType;
  readonly counterKeys: (question: Q, answer: unknown) => string[];
  /** Undefined for a kind the dashboard shows otherwise (the kindergartens' load). */
  readonly counted: (question: Q) => CountedQuestion | undefined;
  readonly exportHeader: (question: Q, language: Language) => string[];
  readonly exportCells: (question: Q, answer: unknown, language: Language, lookups: ExportLookups) => Cell[];
  /** The question as the survey view sends it (the web renders one view per kind). */
  readonly wireSchema: () => z.ZodMiniType;
}

/** The label of an option id in a language (the id itself for an option no longer defined). */
export function labelOf(options: readonly { readonly id: string; readonly label: LocalizedText }[], id: string, language: Language): string {
  return options.find((option) => option.id === id)?.label[language] ?? id;
}

/** A chosen option in the one-column-per-option layout of the answers export: 1 or 0, blank when the question was not answered. */
export const ticked = (answered: boolean, chosen: boolean): Cell => (answered ? (chosen ? 1 : 0) : '');
