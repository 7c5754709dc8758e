import type { Language, LocalizedText } from './language.ts';
import { countedQuestions, otherOption, type AnswerDimensions } from './survey-answers.ts';
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
  kindergarten: { kk: 'Балабақша', ru: 'Детский сад', en: 'Kindergarten' },
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

export interface ExportLookups {
  readonly kindergartenName: (id: string) => string;
  readonly districtName: (id: string) => string;
}

type Cell = string | number;

/** A chosen option in the one-column-per-option layout; a question left unanswered is blank. */
const ticked = (answered: boolean, chosen: boolean): Cell => (answered ? (chosen ? 1 : 0) : '');

/**
 * Load as whole percent, as on the dashboard: applicants who chose the kindergarten (any of their
 * 1–3 choices) against its places in all age groups; blank for a kindergarten without places.
 */
export function loadPercent(chosen: number, places: number): Cell {
  return places > 0 ? Math.round((chosen / places) * 100) : '';
}

/**
 * The anonymised answers: a header and a row maker (the row number is added by the caller in order).
 * A single-choice question is one column holding the option's label; a multi-select question (and
 * a question's reasons) is one column per option, "Question — Option", holding 1 when chosen and 0
 * when not, so a spreadsheet sums or filters them directly.
 */
export function answerTable(definition: SurveyDefinition, language: Language, lookups: ExportLookups) {
  const kindergartens = definition.questions.find((q) => q.kind === 'kindergartens');
  const slots = kindergartens && kindergartens.kind === 'kindergartens' ? kindergartens.max : 0;
  const questions = countedQuestions(definition);
  const header: string[] = [
    words.row[language],
    words.answeredOn[language],
    words.district[language],
    words.cohorts[language],
    ...Array.from({ length: slots }, (_, i) => `${words.kindergarten[language]} ${i + 1}`),
    ...questions.flatMap((q) =>
      q.kind === 'single'
        ? [q.title[language], ...(q.reasons?.options ?? []).map(({ option }) => `${q.title[language]} — ${q.reasons!.title[language]} — ${option.label[language]}`)]
        : q.options.map(({ option }) => `${q.title[language]} — ${option.label[language]}`),
    ),
  ];
  const label = (options: readonly { option: { id: string; label: LocalizedText } }[], id: string) => options.find((o) => o.option.id === id)?.option.label[language] ?? id;
  const row = (number: number, answer: { answer: Record<string, unknown>; submittedOn: string; dimensions?: AnswerDimensions }): Cell[] => {
    const chosen = (answer.answer.kindergartens as string[] | undefined) ?? [];
    const cells: Cell[] = [
      number,
      answer.submittedOn,
      answer.dimensions ? lookups.districtName(answer.dimensions.district) : '',
      (answer.dimensions?.cohorts ?? []).join(', '),
      ...Array.from({ length: slots }, (_, i) => (chosen[i] ? lookups.kindergartenName(chosen[i]) : '')),
    ];
    for (const q of questions) {
      const given = answer.answer[q.id] as { choice?: string; reasons?: string[]; options?: string[]; other?: string } | undefined;
      if (q.kind === 'single') {
        cells.push(given?.choice ? label(q.options, given.choice) : '');
        const reasons = new Set(given?.reasons ?? []);
        for (const { option } of q.reasons?.options ?? []) cells.push(ticked(given?.choice !== undefined, reasons.has(option.id)));
      } else {
        const picked = new Set([...(given?.options ?? []), ...(given?.other ? [otherOption.id] : [])]);
        for (const { option } of q.options) cells.push(ticked(given !== undefined, picked.has(option.id)));
      }
    }
    return cells;
  };
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
