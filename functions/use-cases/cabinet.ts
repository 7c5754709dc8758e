import type { Dependencies } from '#ports/dependencies';
import { indexKindergartens, kindergartenKeysOf, parentView } from './application-views.ts';

/**
 * The parent's cabinet: their applications with status, stored position and its recent moves,
 * history, referral and the chosen kindergartens' names. Two DynamoDB requests whatever the size
 * of the queue: one Query by applicant, one BatchGet of the kindergartens.
 */
export async function listCabinetApplications(deps: Pick<Dependencies, 'applications' | 'kindergartens'>, applicantIin: string) {
  const applications = await deps.applications.listByApplicant(applicantIin);
  const keys = kindergartenKeysOf(applications);
  const index = indexKindergartens(keys.length > 0 ? await deps.kindergartens.getMany(keys) : []);
  return { applications: applications.map((application) => parentView(application, index)) };
}
