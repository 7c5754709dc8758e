import { ageGroups, type AgeGroup, type Kindergarten } from '#domain/application';
import type { LocalizedText } from '#domain/language';
import { InvalidInputError, KindergartenChangedError, KindergartenExistsError, NotFoundError } from '#domain/errors';
import { checkKindergartenFields, kindergartenIdFromName, refusalOfEdit, versionOf, type KindergartenFields } from '#domain/kindergarten-rules';
import type { Dependencies } from '#ports/dependencies';

/** Staff add and edit their department's kindergartens (the CSV import does the same in bulk). */

type Deps = Pick<Dependencies, 'kindergartens' | 'tenants'>;

/** The tenant's districts (id and name: the form needs no map outline), for the form's choice. */
export async function districtsOf(deps: Pick<Dependencies, 'tenants'>, tenantId: string): Promise<{ id: string; name: LocalizedText }[]> {
  return ((await deps.tenants.get(tenantId))?.districts ?? []).map(({ id, name }) => ({ id, name }));
}

/** An empty English name takes the Russian one, as the import does. */
function normalised(fields: KindergartenFields): KindergartenFields {
  return { ...fields, name: { ...fields.name, en: fields.name.en || fields.name.ru } };
}

async function checked(deps: Deps, tenantId: string, fields: KindergartenFields): Promise<KindergartenFields> {
  const districtIds = new Set((await districtsOf(deps, tenantId)).map((district) => district.id));
  const problems = checkKindergartenFields(fields, districtIds);
  if (problems.length > 0) throw new InvalidInputError(problems);
  return normalised(fields);
}

/** The kindergarten as the form shows it: every age group's places taken, and the revision. */
export function formView(kindergarten: Kindergarten) {
  const { kindergartenId, name, ownership, languages, district, address, location, capacity, occupancy } = kindergarten;
  return {
    kindergartenId,
    name,
    ownership,
    languages: [...languages],
    district,
    address: address ?? '',
    location,
    capacity,
    occupancy: Object.fromEntries(ageGroups.map((group) => [group, occupancy?.[group] ?? 0])) as Record<AgeGroup, number>,
    version: versionOf(kindergarten),
  };
}

/** A new kindergarten: one tenant read and one conditional put; an id that is taken is refused. */
export async function createKindergarten(deps: Deps, input: { tenantId: string; kindergartenId?: string; fields: KindergartenFields }): Promise<Kindergarten> {
  const fields = await checked(deps, input.tenantId, input.fields);
  const kindergartenId = input.kindergartenId ?? kindergartenIdFromName(fields.name);
  const created = await deps.kindergartens.create(input.tenantId, kindergartenId, fields);
  if (!created) throw new KindergartenExistsError(kindergartenId);
  return created;
}

/**
 * An edit: one tenant read and one conditional update. A refusal reads the item once more to
 * say why: gone (404), changed by someone else (409), or fewer places than are taken (400, at
 * the age groups' fields).
 */
export async function updateKindergarten(
  deps: Deps,
  input: { tenantId: string; kindergartenId: string; version: number; fields: KindergartenFields },
): Promise<Kindergarten> {
  const fields = await checked(deps, input.tenantId, input.fields);
  const result = await deps.kindergartens.update(input.tenantId, input.kindergartenId, fields, input.version);
  if ('updated' in result) return result.updated;
  const refusal = refusalOfEdit(result.refused, input.version, fields.capacity);
  if (refusal.kind === 'missing') throw new NotFoundError(input.kindergartenId);
  if (refusal.kind === 'changed') throw new KindergartenChangedError(input.kindergartenId);
  throw new InvalidInputError(refusal.groups.map((group) => ({ path: `capacity.${group}`, key: 'capacity_below_occupancy' })));
}

/** One kindergarten of the tenant with the districts it may be moved to (two reads, in parallel). */
export async function kindergartenForm(deps: Deps, input: { tenantId: string; kindergartenId: string }) {
  const [kindergarten, districts] = await Promise.all([deps.kindergartens.get(input.tenantId, input.kindergartenId), districtsOf(deps, input.tenantId)]);
  if (!kindergarten) throw new NotFoundError(input.kindergartenId);
  return { kindergarten: formView(kindergarten), districts };
}
