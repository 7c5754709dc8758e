import { applicationStatuses, priorityCategories, type ApplicationStatus, type PriorityCategory } from '../../../functions/domain/application.ts';
import { kazakhstanToday } from './places.ts';

/*
 * The queue browser keeps its filters and page in the page's own URL (`/staff/queue?status=…`),
 * so a link opens the same list and the back button returns to the previous one. The API takes
 * the same parameter names.
 */

export const queueStatuses: readonly ApplicationStatus[] = applicationStatuses;
export const queuePriorities: readonly PriorityCategory[] = priorityCategories;

export interface QueueQuery {
  readonly birthYear: number;
  readonly status: ApplicationStatus;
  /** Empty: every priority. */
  readonly priority: PriorityCategory | '';
  /** Empty: every kindergarten. */
  readonly kindergartenId: string;
  readonly after?: number;
  readonly cursor?: string;
}

/** Children aged 0 to 6 this year: the cohorts a department queues, youngest first. */
export function recentBirthYears(): number[] {
  const year = Number(kazakhstanToday().slice(0, 4));
  return Array.from({ length: 7 }, (_, index) => year - index);
}

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined => values.find((candidate) => candidate === value);

/** Reads the URL's query; anything unknown or malformed falls back to the default list (3-year-olds' queue). */
export function queueQueryFrom(search: string): QueueQuery {
  const params = new URLSearchParams(search);
  const years = recentBirthYears();
  const year = Number(params.get('birthYear'));
  const status = oneOf(queueStatuses, params.get('status')) ?? 'queued';
  const after = Number(params.get('after'));
  const cursor = params.get('cursor');
  return {
    birthYear: years.includes(year) ? year : (years[3] ?? years[0]!),
    status,
    priority: oneOf(queuePriorities, params.get('priority')) ?? '',
    kindergartenId: /^[\w-]{1,60}$/.test(params.get('kindergartenId') ?? '') ? params.get('kindergartenId')! : '',
    ...(status === 'queued' && Number.isInteger(after) && after > 0 && { after }),
    ...(status !== 'queued' && cursor && /^[\w-]{1,300}$/.test(cursor) && { cursor }),
  };
}

/** The query string of a list (without `?`), leaving out what is at its default. */
export function queueSearch(query: QueueQuery): string {
  const params = new URLSearchParams({ birthYear: String(query.birthYear), status: query.status });
  if (query.priority) params.set('priority', query.priority);
  if (query.kindergartenId) params.set('kindergartenId', query.kindergartenId);
  if (query.after !== undefined) params.set('after', String(query.after));
  if (query.cursor !== undefined) params.set('cursor', query.cursor);
  return params.toString();
}
