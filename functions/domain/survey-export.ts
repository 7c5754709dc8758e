import type { Language, LocalizedText } from './language.ts';
import { kindOf, type Cell, type ExportLookups } from './question-kinds/index.ts';
import { countedQuestions, type AnswerDimensions } from './survey-answers.ts';
import type { SurveyDefinition } from './survey-definition.ts';

/**
 * The two CSV exports of a campaign as tables (header + rows), pure. Anonymised answers carry no
 * IIN, no name, no free text (a parent may have typed anything into "other"; only that they
 * chose "other" is kept), and of the time only the week (its Monday): a day beside three chosen
 * kindergartens could be matched with a child's validity date in the queue browser.
 */

const words = {
  row: { kk: '№', ru: '№', en: 'No.' },
  answeredOn: { kk: 'Жауап аптасы (дүйсенбі)', ru: 'Неделя ответа (понедельник)', en: 'Week answered (Monday)' },
  district: { kk: 'Аудан (1-таңдау)', ru: 'Район (первый выбор)', en: 'District (first choice)' },
  cohorts: { kk: 'Балалардың туған жылдары', ru: 'Годы рождения детей', en: "Children's birth years" },
  kindergartens: { kk: 'Балабақшалар', ru: 'Детские сады', en: 'Kindergartens' },
  answers: { kk: 'Жауаптар саны', ru: 'Число ответов', en: 'Answers' },
  all: { kk: 'Барлығы', ru: 'Все', en: 'All' },
  cohort: { kk: 'Туған жылы', ru: 'Год рождения', en: 'Birth year' },
  question: { kk: 'Сұрақ', ru: 'Вопрос', en: 'Question' },
  option: { kk: 'Жауап', ru: 'Вариант', en: 'Option' },
  count: { kk: 'Саны', ru: 'Количество', en: 'Count' },
  places: { kk: 'Орын саны (барлық жас топтары)', ru: 'Мест (все возрастные группы)', en: 'Places (all age groups)' },
  load: { kk: 'Жүктеме, %', ru: 'Нагрузка, %', en: 'Load, %' },
} satisfies Record<string, LocalizedText>;

export type { ExportLookups };

/**
 * Load as whole percent, as on the dashboard: applicants who chose the kindergarten (any of their
 * 1–3 choices) against its places in all age groups; blank for a kindergarten without places.
 */
export function loadPercent(chosen: number, places: number): Cell {
  return places > 0 ? Math.round((chosen / places) * 100) : '';
}

/**
 * The anonymised answers: a header and a row maker (the row number is added by the caller in order).
 * Each question's columns come from its kind (`question-kinds/`): a single choice is one column
 * holding the option's label (and one 1/0 column per reason); a multi-select question is one 1/0
 * column per option, "Question — Option", so a spreadsheet sums or filters them directly.
 */
export function answerTable(definition: SurveyDefinition, language: Language, lookups: ExportLookups) {
  const header: string[] = [
    words.row[language],
    words.answeredOn[language],
    words.district[language],
    words.cohorts[language],
    ...definition.questions.flatMap((question) => kindOf(question).exportHeader(question, language)),
  ];
  const row = (number: number, answer: { answer: Record<string, unknown>; submittedOn: string; dimensions?: AnswerDimensions }): Cell[] => [
    number,
    answer.submittedOn,
    answer.dimensions ? lookups.districtName(answer.dimensions.district) : '',
    (answer.dimensions?.cohorts ?? []).join(', '),
    ...definition.questions.flatMap((question) => kindOf(question).exportCells(question, answer.answer[question.id], language, lookups)),
  ];
  return { header, row };
}

/**
 * The aggregates: one row per slice × counter (district or "all", cohort or "all", question, option,
 * count); a kindergarten's rows also carry its places and load (blank on the other rows).
 */
export function aggregateTable(
  definition: SurveyDefinition,
  language: Language,
  lookups: ExportLookups & { readonly kindergartenIds: readonly string[]; readonly kindergartenPlaces: (id: string) => number },
  slices: readonly { readonly district?: string; readonly cohort?: number; readonly slice: string; readonly counters: ReadonlyMap<string, number> }[],
) {
  const header = [words.district[language], words.cohort[language], words.question[language], words.option[language], words.count[language], words.places[language], words.load[language]];
  const questions = countedQuestions(definition);
  const rows: Cell[][] = [];
  for (const { district, cohort, counters } of slices) {
    const where: Cell[] = [district ? lookups.districtName(district) : words.all[language], cohort ?? words.all[language]];
    const count = (key: string) => counters.get(key) ?? 0;
    rows.push([...where, words.answers[language], '', count('answers#total'), '', '']);
    for (const id of lookups.kindergartenIds) {
      const chosen = count(`kindergartens#${id}`);
      const places = lookups.kindergartenPlaces(id);
      rows.push([...where, words.kindergartens[language], lookups.kindergartenName(id), chosen, places, loadPercent(chosen, places)]);
    }
    for (const q of questions) {
      for (const { option, key } of q.options) rows.push([...where, q.title[language], option.label[language], count(key), '', '']);
      for (const { option, key } of q.reasons?.options ?? []) rows.push([...where, `${q.title[language]} — ${q.reasons!.title[language]}`, option.label[language], count(key), '', '']);
    }
  }
  return { header, rows };
}

/** Every slice the aggregates export lists: all answers, each district, each cohort, each district × cohort. */
export function exportSlices(districts: readonly string[], cohorts: readonly number[]): { district?: string; cohort?: number }[] {
  return [{}, ...districts.map((district) => ({ district })), ...cohorts.map((cohort) => ({ cohort })), ...districts.flatMap((district) => cohorts.map((cohort) => ({ district, cohort })))];
}
