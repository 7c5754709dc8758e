import { InvalidInputError, NotFoundError } from '#domain/errors';
import { applySettings, checkSettings, settingsOf, type DepartmentSettings, type SettingsChange } from '#domain/settings';
import type { Dependencies } from '#ports/dependencies';

/** The department's settings as they stand (defaults filled in); a department that does not exist is "not found". */
export async function settingsFor(deps: Pick<Dependencies, 'tenants'>, tenantId: string): Promise<DepartmentSettings> {
  const tenant = await deps.tenants.get(tenantId);
  if (!tenant) throw new NotFoundError(tenantId);
  return settingsOf(tenant);
}

/**
 * Saves the administrator's settings as the next version, only over the version their form read
 * (`ConcurrentChangeError` otherwise: reload and decide again). Campaigns already started keep
 * the copy of the policy they started with; drafts and everything else follow the new one.
 */
export async function saveSettings(
  deps: Pick<Dependencies, 'tenants' | 'clock'>,
  input: { tenantId: string; accountId: string; version: number; change: SettingsChange },
): Promise<DepartmentSettings> {
  const problems = checkSettings(input.change);
  if (problems.length > 0) throw new InvalidInputError(problems);
  // The version the form read, not the one stored now: a save decided on an older page is refused by the store.
  const read = { ...(await settingsFor(deps, input.tenantId)), version: input.version };
  const saved = applySettings(read, input.change, { at: deps.clock().toISOString(), by: input.accountId });
  await deps.tenants.saveSettings(input.tenantId, saved);
  return saved;
}
