import { searchLookups } from '#domain/application-search';
import type { Dependencies } from '#ports/dependencies';
import { entryOf } from './staff-queue.ts';

/** The most hits a search answers: enough for a common surname's start, few enough to read by key at once. */
export const searchLimit = 20;

/**
 * The help desk (staff of one tenant): the applications a parent's words point to, by the child's
 * IIN, the start of the child's name or the application number, as rows of the queue browser
 * (IINs masked). Index lookups and reads by key only, never a scan.
 */
export async function searchApplications(deps: Pick<Dependencies, 'applications'>, tenantId: string, text: string) {
  const lookups = searchLookups(tenantId, text);
  const found = await deps.applications.search(tenantId, lookups, searchLimit);
  return { entries: found.map(entryOf), limit: searchLimit };
}
