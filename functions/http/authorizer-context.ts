import { isStaffRole } from '#domain/department';
import type { Identity } from '#ports/stores';

/**
 * What the Lambda authorizer returns as context (API Gateway allows flat string values only).
 * `role: 'anonymous'` means a cookie was sent but no live session stands behind it: the
 * handler then answers 401 in the user's language rather than API Gateway's bare 403.
 */
export type AuthorizerContext = Record<string, string>;

export function contextFromIdentity(identity: Identity | undefined): AuthorizerContext {
  if (!identity) return { role: 'anonymous' };
  return {
    role: identity.role,
    accountId: identity.accountId,
    displayName: identity.displayName,
    ...(identity.tenantId && { tenantId: identity.tenantId }),
    ...(identity.iin && { iin: identity.iin }),
    ...(identity.staffRole && { staffRole: identity.staffRole }),
  };
}

export function identityFromContext(context: AuthorizerContext | undefined): Identity | undefined {
  if (!context || (context.role !== 'parent' && context.role !== 'staff') || !context.accountId) return undefined;
  return {
    role: context.role,
    accountId: context.accountId,
    displayName: context.displayName ?? '',
    ...(context.tenantId && { tenantId: context.tenantId }),
    ...(context.iin && { iin: context.iin }),
    ...(context.role === 'staff' && isStaffRole(context.staffRole) && { staffRole: context.staffRole }),
  };
}
