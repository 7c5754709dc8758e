import type { StatusPageKey } from '#ports/stores';

/*
 * The staff queue browser's page cursor: base64url of the last entry's index key, opaque to the
 * client. Only the sort key and the application id travel; the partition (tenant, status,
 * cohort) is always rebuilt from the session and the filters, so a cursor can never open another
 * tenant's or another list's items. The query parameter's schema (`queueCursor` in
 * `schemas.ts`) checks the decoded key with the shared application id schema.
 */

/** The cursor of the page that starts after `key`. */
export function encodeQueueCursor(key: StatusPageKey): string {
  return Buffer.from(JSON.stringify({ registeredAt: key.registeredAt, applicationId: key.applicationId })).toString('base64url');
}

/** What a cursor's text decodes to (still unchecked), or `undefined` when it is no base64url JSON. */
export function decodeQueueCursor(text: string): unknown {
  try {
    return JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}
