import * as z from 'zod';
import { applicationIdPattern } from '#domain/application';
import type { StatusPageKey } from '#ports/stores';

/*
 * The staff queue browser's page cursor: base64url of the last entry's index key, opaque to the
 * client. Only the sort key and the application id travel; the partition (tenant, status,
 * cohort) is always rebuilt from the session and the filters, so a cursor can never open another
 * tenant's or another list's items.
 */

const cursorKey = z.strictObject({
  registeredAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/),
  // Any id the system creates, the dotted imported ones too (the page after an imported application).
  applicationId: z.string().regex(applicationIdPattern),
});

/** The cursor of the page that starts after `key`. */
export function encodeQueueCursor(key: StatusPageKey): string {
  return Buffer.from(JSON.stringify({ registeredAt: key.registeredAt, applicationId: key.applicationId })).toString('base64url');
}

/** A query parameter holding a cursor: checked and decoded, or a field error `cursor_invalid`. */
export const queueCursor = z
  .string()
  .max(300)
  .regex(/^[\w-]+$/, { message: 'cursor_invalid' })
  .transform((text, context): StatusPageKey => {
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    } catch {
      decoded = undefined;
    }
    const key = cursorKey.safeParse(decoded);
    if (key.success) return key.data;
    context.addIssue({ code: 'custom', message: 'cursor_invalid' });
    return z.NEVER;
  });
