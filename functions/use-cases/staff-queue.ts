import { maskIin } from '#domain/iin';
import type { Dependencies } from '#ports/dependencies';

const pageSize = 200;

/** A cohort's queue in stored-position order for the staff console (IINs masked), a page at a time. */
export async function cohortQueue(deps: Pick<Dependencies, 'applications'>, input: { tenantId: string; birthYear: number; after: number }) {
  const queued = await deps.applications.queueOf(input.tenantId, input.birthYear);
  const ordered = [...queued].sort((a, b) => (a.position ?? Number.MAX_SAFE_INTEGER) - (b.position ?? Number.MAX_SAFE_INTEGER));
  return {
    birthYear: input.birthYear,
    total: ordered.length,
    entries: ordered
      .filter((a) => (a.position ?? Number.MAX_SAFE_INTEGER) > input.after)
      .slice(0, pageSize)
      .map((a) => ({
        applicationId: a.applicationId,
        ...(a.position !== undefined && { position: a.position }),
        childName: a.childName,
        childIin: maskIin(a.childIin),
        birthDate: a.birthDate,
        registeredAt: a.registeredAt,
        priority: a.priority,
        preferredKindergartenIds: [...a.preferredKindergartenIds],
        validUntil: a.validUntil,
      })),
  };
}
