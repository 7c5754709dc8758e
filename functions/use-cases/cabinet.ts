import type { Dependencies } from '#ports/dependencies';

/**
 * The parent's cabinet: their applications with the chosen kindergartens' names.
 * Two DynamoDB requests: one Query by applicant, one BatchGet of the kindergartens.
 */
export async function listCabinetApplications(deps: Pick<Dependencies, 'applications' | 'kindergartens'>, applicantIin: string) {
  const applications = await deps.applications.listByApplicant(applicantIin);
  const keys = applications.flatMap((a) => a.preferredKindergartenIds.map((kindergartenId) => ({ tenantId: a.tenantId, kindergartenId })));
  const kindergartens = keys.length > 0 ? await deps.kindergartens.getMany(keys) : [];
  const byKey = new Map(kindergartens.map((k) => [`${k.tenantId}/${k.kindergartenId}`, k]));
  return {
    applications: applications.map((a) => ({
      applicationId: a.applicationId,
      tenantId: a.tenantId,
      childName: a.childName,
      birthDate: a.birthDate,
      registeredAt: a.registeredAt,
      status: a.status,
      ...(a.stopReason && { stopReason: a.stopReason }),
      validUntil: a.validUntil,
      priority: a.priority,
      language: a.language,
      kindergartens: a.preferredKindergartenIds.flatMap((id) => {
        const kindergarten = byKey.get(`${a.tenantId}/${id}`);
        return kindergarten ? [{ kindergartenId: id, name: kindergarten.name }] : [];
      }),
    })),
  };
}
