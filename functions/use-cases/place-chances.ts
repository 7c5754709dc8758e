import type { Application } from '#domain/application';
import { kazakhstanDate } from '#domain/kazakhstan-time';
import { cohortPlaceChances, sameEstimates } from '#domain/place-chance';
import type { Dependencies } from '#ports/dependencies';
import type { PlaceChanceWrite } from '#ports/stores';

/**
 * Brings the stored chance of a place of one cohort's queued applications up to date (issue 16
 * item 6), off the request path: the positions job calls it with the cohort it has just read and
 * the positions it has just written, so the only extra read is the tenant's kindergartens. Writes
 * only the estimates that changed, each only while the application is still queued; run twice,
 * the second run writes nothing.
 */
export async function refreshPlaceChances(
  deps: Pick<Dependencies, 'applications' | 'kindergartens'>,
  input: { tenantId: string; queued: readonly Application[]; positions: ReadonlyMap<string, { readonly to: number }>; at: string },
): Promise<number> {
  if (input.queued.length === 0) return 0;
  const position = (a: Application) => input.positions.get(a.applicationId)?.to ?? a.position ?? Number.MAX_SAFE_INTEGER;
  const queue = [...input.queued].sort((a, b) => position(a) - position(b) || a.applicationId.localeCompare(b.applicationId));
  const kindergartens = new Map((await deps.kindergartens.listByTenant(input.tenantId)).map((k) => [k.kindergartenId, k]));
  const estimates = cohortPlaceChances(queue, kindergartens, kazakhstanDate(new Date(input.at)));
  const writes: PlaceChanceWrite[] = queue.flatMap((a) => {
    const placeChances = estimates.get(a.applicationId)!;
    return sameEstimates(a.placeChances, placeChances) ? [] : [{ applicationId: a.applicationId, placeChances }];
  });
  return writes.length === 0 ? 0 : deps.applications.writePlaceChances(writes);
}
