import type { Actor } from '#domain/application';
import { ForbiddenError } from '#domain/errors';
import type { Identity } from '#ports/stores';

/** The actor recorded in history for a logged-in person (their account id, never an IIN). */
export function actorOf(identity: Identity): Actor {
  return { role: identity.role, id: identity.accountId };
}

/** Staff act only in the tenant of their session; no request parameter can name another. */
export function staffTenant(identity: Identity): string {
  if (identity.role !== 'staff' || !identity.tenantId) throw new ForbiddenError();
  return identity.tenantId;
}

/** A parent's applications are found by the IIN of their session only. */
export function parentIin(identity: Identity): string {
  if (identity.role !== 'parent' || !identity.iin) throw new ForbiddenError();
  return identity.iin;
}
