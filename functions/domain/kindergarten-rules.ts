import { ageGroups, type AgeGroup, type Kindergarten } from './application.ts';
import type { LocalizedText } from './language.ts';

/**
 * Rules for a kindergarten's own data, shared by the CSV import (`import-rows.ts`) and the staff
 * console's form, so both accept and refuse the same things. Pure: districts and the stored item
 * are passed in.
 */

/** What staff enter about a kindergarten; places taken and the revision are the system's. */
export type KindergartenFields = Omit<Kindergarten, 'tenantId' | 'kindergartenId' | 'occupancy' | 'version'>;

/** A field problem; `key` names a message of `fieldMessages` (functions/http/problems.ts). */
export interface FieldProblem {
  readonly path: string;
  readonly key: string;
}

/** Kazakhstan lies within 40–56° N and 46–88° E; a point outside is a typo or a swapped pair. */
export const kazakhstanBounds = { lat: { min: 40, max: 56 }, lon: { min: 46, max: 88 } } as const;

/** The coordinates (of `lat`, `lon`) that cannot be a place in Kazakhstan; NaN counts as outside. */
export function implausibleCoordinates(location: { readonly lat: number; readonly lon: number }): ('lat' | 'lon')[] {
  return (['lat', 'lon'] as const).filter((axis) => !(location[axis] >= kazakhstanBounds[axis].min && location[axis] <= kazakhstanBounds[axis].max));
}

/** A tenant that has not listed its districts accepts any (the import has always allowed that). */
export function isKnownDistrict(district: string, districtIds: ReadonlySet<string>): boolean {
  return districtIds.size === 0 || districtIds.has(district);
}

/** Checks what the schema cannot: a district of the tenant, a point in Kazakhstan, each language once. */
export function checkKindergartenFields(fields: KindergartenFields, districtIds: ReadonlySet<string>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (new Set(fields.languages).size !== fields.languages.length) problems.push({ path: 'languages', key: 'options_distinct' });
  if (!isKnownDistrict(fields.district, districtIds)) problems.push({ path: 'district', key: 'district_unknown' });
  for (const axis of implausibleCoordinates(fields.location)) problems.push({ path: `location.${axis}`, key: 'coordinate_range' });
  return problems;
}

/** The age groups whose new number of places would be below the places already taken. */
export function groupsBelowOccupancy(capacity: Readonly<Record<AgeGroup, number>>, occupancy: Kindergarten['occupancy']): AgeGroup[] {
  return ageGroups.filter((group) => capacity[group] < (occupancy?.[group] ?? 0));
}

/** A stored kindergarten without a revision was written before revisions existed (seed, import): 0. */
export function versionOf(kindergarten: Pick<Kindergarten, 'version'>): number {
  return kindergarten.version ?? 0;
}

/** Why a conditional edit was refused, told from the item as it is stored now. */
export type EditRefusal = { readonly kind: 'missing' } | { readonly kind: 'changed' } | { readonly kind: 'below_occupancy'; readonly groups: readonly AgeGroup[] };

/**
 * Someone else's edit wins over everything (the page must reload before anything else makes
 * sense); otherwise the places taken meanwhile (a referral) are what stands in the way.
 */
export function refusalOfEdit(current: Kindergarten | undefined, expectedVersion: number, capacity: Readonly<Record<AgeGroup, number>>): EditRefusal {
  if (!current) return { kind: 'missing' };
  if (versionOf(current) !== expectedVersion) return { kind: 'changed' };
  const groups = groupsBelowOccupancy(capacity, current.occupancy);
  // Nothing explains the refusal any more (the places were freed meanwhile): ask for a retry.
  return groups.length > 0 ? { kind: 'below_occupancy', groups } : { kind: 'changed' };
}

const latin: Readonly<Record<string, string>> = {
  а: 'a', ә: 'a', б: 'b', в: 'v', г: 'g', ғ: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', і: 'i', й: 'y', к: 'k', қ: 'q',
  л: 'l', м: 'm', н: 'n', ң: 'n', о: 'o', ө: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ұ: 'u', ү: 'u', ф: 'f', х: 'kh', һ: 'h',
  ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

/** Generated ids stay within the CSV import's 40 characters, so a later import can update them. */
const generatedIdLength = 40;

/**
 * An id made from the name (English if given, else Russian, else Kazakh), in Latin letters:
 * `Детский сад №5 «Солнышко»` → `detskiy-sad-5-solnyshko`. Deterministic, so sending the same
 * form twice names the same kindergarten and the second create is refused, not duplicated.
 */
export function kindergartenIdFromName(name: LocalizedText): string {
  const source = (name.en.trim() || name.ru.trim() || name.kk.trim()).toLowerCase();
  const slug = [...source]
    .map((char) => latin[char] ?? char)
    .join('')
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, generatedIdLength)
    .replace(/^-+|-+$/g, '');
  return slug || 'kindergarten';
}
