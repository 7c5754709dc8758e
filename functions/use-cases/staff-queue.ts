import type { Application, ApplicationStatus } from '#domain/application';
import { maskIin } from '#domain/iin';
import type { Dependencies } from '#ports/dependencies';
import type { CohortFilter, StatusPageKey } from '#ports/stores';

const defaultPageSize = 200;

/** What the staff queue browser asks for: one cohort of the staff member's tenant in one status. */
export interface QueueBrowse {
  readonly tenantId: string;
  readonly birthYear: number;
  readonly status: ApplicationStatus;
  readonly filter: CohortFilter;
  /** Queued: the position to start after. */
  readonly after?: number;
  /** Other statuses: where the previous page ended. */
  readonly cursor?: StatusPageKey;
  readonly limit?: number;
}

/** A row of the list: what staff need to find a child, with the IIN masked. */
export function entryOf(application: Application) {
  return {
    applicationId: application.applicationId,
    status: application.status,
    ...(application.stopReason && { stopReason: application.stopReason }),
    ...(application.position !== undefined && { position: application.position }),
    childName: application.childName,
    childIin: maskIin(application.childIin),
    birthDate: application.birthDate,
    registeredAt: application.registeredAt,
    priority: application.priority,
    preferredKindergartenIds: [...application.preferredKindergartenIds],
    validUntil: application.validUntil,
  };
}

/** A page of the list; `next` is where the following page of a non-queued list starts. */
export interface QueuePage {
  readonly birthYear: number;
  readonly status: ApplicationStatus;
  readonly total: number;
  readonly entries: ReturnType<typeof entryOf>[];
  readonly nextAfter?: number;
  readonly next?: StatusPageKey;
}

const positionOf = (application: Application) => application.position ?? Number.MAX_SAFE_INTEGER;

/**
 * The staff queue browser. Queued applications come from the cohort's queue index in stored
 * position order, paged by position; every other status from the status index in registration
 * order, paged by a cursor. `total` counts every match of the list, not just the page.
 */
export async function browseQueue(deps: Pick<Dependencies, 'applications'>, input: QueueBrowse): Promise<QueuePage> {
  const limit = input.limit ?? defaultPageSize;
  const head = { birthYear: input.birthYear, status: input.status };
  if (input.status === 'queued') {
    // The queue index is ordered by registration, positions by priority first: the cohort is read
    // whole (one cohort, never the table) and ordered by the positions the job stored.
    const queued = await deps.applications.queueOf(input.tenantId, input.birthYear, input.filter);
    const ordered = [...queued].sort((a, b) => positionOf(a) - positionOf(b));
    const rest = ordered.filter((a) => positionOf(a) > (input.after ?? 0));
    const page = rest.slice(0, limit);
    const last = page[page.length - 1]?.position;
    return { ...head, total: ordered.length, entries: page.map(entryOf), ...(rest.length > limit && last !== undefined && { nextAfter: last }) };
  }
  const list = { tenantId: input.tenantId, status: input.status, birthYear: input.birthYear, filter: input.filter };
  const [page, total] = await Promise.all([
    deps.applications.statusPage(list, { ...(input.cursor && { after: input.cursor }), limit }),
    deps.applications.countStatus(list),
  ]);
  return { ...head, total, entries: page.applications.map(entryOf), ...(page.next && { next: page.next }) };
}
