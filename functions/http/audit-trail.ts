import { randomUUID } from 'node:crypto';
import type { AuditEvent } from '#domain/audit';
import { DomainError } from '#domain/errors';
import type { Identity } from '#ports/stores';
import { dependencies } from '#adapters/dependencies-core';
import { auditRecordOf, auditSpecOf } from './audit-actions.ts';
import type { RouteDefinition } from './routes.ts';

/** What a request was refused with, as the audit records it: the problem code, else `internal`. */
export function outcomeOf(error: unknown): string {
  if (error instanceof DomainError) return error.code;
  // The handler's own refusals (validation, authorization) carry their problem code as `code`.
  if (error instanceof Error && 'code' in error && typeof error.code === 'string' && error.message === error.code) return error.code;
  if (error && typeof error === 'object' && 'statusCode' in error && error.statusCode === 415) return 'malformed_body';
  return 'internal';
}

/** The parts of a request its record may be named by, filled in as they are parsed. */
export interface AuditedRequest {
  params?: unknown;
  query?: unknown;
}

/**
 * Runs one request of `route` and, when the route is audited (`audit-actions.ts`) and a staff
 * member calls it, records one event: inside the first transaction the use case commits, else
 * with one conditional Put once the outcome is known. A refused request records its problem
 * code; if recording fails, the request fails (no audit, no answer).
 */
export async function audited<T>(route: RouteDefinition, identity: Identity | undefined, work: (request: AuditedRequest) => Promise<T>): Promise<T> {
  const spec = auditSpecOf(route.handler);
  const request: AuditedRequest = {};
  if (!spec || identity?.role !== 'staff' || !identity.tenantId) return work(request);
  const deps = dependencies();
  const eventOf = (outcome: string, result?: unknown): AuditEvent => {
    const record = auditRecordOf(spec, request, result);
    return {
      tenantId: identity.tenantId!,
      eventId: randomUUID(),
      at: deps.clock().toISOString(),
      actor: { role: identity.role, accountId: identity.accountId },
      action: spec.action,
      ...(record && { record }),
      outcome,
    };
  };
  let value: T;
  try {
    // A creation's record id is known from its answer only: its event is appended after.
    if (spec.record && 'result' in spec.record) {
      value = await work(request);
    } else {
      const run = await deps.audit.carried(() => eventOf('success'), () => work(request));
      if (run.carried) return run.value;
      value = run.value;
    }
  } catch (error) {
    await deps.audit.append(eventOf(outcomeOf(error)));
    throw error;
  }
  await deps.audit.append(eventOf('success', (value as { body?: unknown }).body));
  return value;
}
