import { applicationIdPattern } from './application.ts';

/**
 * The help desk's search (staff find a parent's application by what the parent says: the child's
 * IIN, the child's name, or the application number), as index lookups, never a scan.
 */

/** How many letters of a normalised name make its index partition (`<tenant>#<first letters>`). */
export const namePrefixLength = 2;

/** A name as the index keeps it: lower case, `ё` as `е`, single spaces, trimmed, so "ИВАНОВ  Иван" finds "Иванов Иван". */
export function normalizedName(name: string): string {
  return name.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
}

/** The name index keys of a child's name in a tenant: partition by the name's first letters, sorted by the whole name. */
export function nameKeysOf(tenantId: string, childName: string, applicationId: string): { nameKey: string; nameSort: string } {
  const name = normalizedName(childName);
  return { nameKey: `${tenantId}#${Array.from(name).slice(0, namePrefixLength).join('')}`, nameSort: `${name}#${applicationId}` };
}

/** The lookups a search text asks for; several when it could be more than one kind of key. */
export interface SearchLookups {
  /** A child's IIN (12 digits). */
  readonly childIin?: string;
  /** Application ids: as typed, and as the number of an imported one (`imp.<tenant>.<number>`). */
  readonly applicationIds?: readonly string[];
  /** The start of a child's name (surname first, as registered), normalised; at least two letters. */
  readonly namePrefix?: string;
}

export function searchLookups(tenantId: string, text: string): SearchLookups {
  const query = text.trim();
  if (/^\d{12}$/.test(query)) return { childIin: query };
  const ids = applicationIdPattern.test(query) ? [query, `imp.${tenantId}.${query}`].filter((id) => applicationIdPattern.test(id)) : [];
  const name = normalizedName(query);
  const letters = Array.from(name).filter((char) => /\p{L}/u.test(char)).length;
  return {
    ...(ids.length > 0 && { applicationIds: ids }),
    // Names have no digits: an application number (`app-…`, `imp.…`, `10023`) costs no name Query.
    ...(letters >= namePrefixLength && !/\d/.test(name) && Array.from(name).slice(0, namePrefixLength).every((char) => /\p{L}/u.test(char)) && { namePrefix: name }),
  };
}
