import type { z } from 'zod';
import type {
  cabinetApplicationsResponse,
  errorResponse,
  identityResponse,
  parentCodeResponse,
  staffKindergartensResponse,
} from '#http/schemas';

/*
 * The API's shapes, taken from the server's zod schemas so the page and the API cannot drift
 * apart. Type-only imports: nothing of zod reaches the bundle.
 */

export type Identity = z.infer<typeof identityResponse>;
export type ParentCodeSent = z.infer<typeof parentCodeResponse>;
export type CabinetApplications = z.infer<typeof cabinetApplicationsResponse>;
export type CabinetApplication = CabinetApplications['applications'][number];
export type StaffKindergartens = z.infer<typeof staffKindergartensResponse>;
export type StaffKindergarten = StaffKindergartens['kindergartens'][number];
export type ApiErrorBody = z.infer<typeof errorResponse>['error'];
export type LoggedOut = { loggedOut: true };
