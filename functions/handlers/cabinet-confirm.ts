import { dependencies } from '#adapters/dependencies';
import { actorOf, parentIin } from '#http/actors';
import { httpHandler } from '#http/http-handler';
import { confirmInterest } from '#use-cases/campaigns';

/** Until the survey (its own issue) takes over, a parent confirms with one button. */
export const handler = httpHandler('cabinet-confirm', async ({ identity }) => {
  const deps = dependencies();
  const iin = parentIin(identity);
  // A parent's applications live in one tenant in practice; confirm in each tenant they have one.
  const tenants = [...new Set((await deps.applications.listByApplicant(iin)).map((a) => a.tenantId))];
  let confirmed = 0;
  let validUntil = '';
  for (const tenantId of tenants) {
    const result = await confirmInterest(deps, { tenantId, applicantIin: iin, actor: actorOf(identity), now: deps.clock() });
    confirmed += result.confirmed;
    if (result.validUntil > validUntil) validUntil = result.validUntil;
  }
  return { body: { confirmed, validUntil } };
});
