import { z } from 'zod';
import { applicationStatuses, instructionLanguages, priorityCategories, stopReasons, ageGroups } from '#domain/application';

/**
 * Request and response schemas of the HTTP API: the only source of request types (`z.infer`)
 * and, through the route table, of the OpenAPI document.
 */

const iin = z.string().regex(/^\d{12}$/, { message: 'iin_format' });
const localized = z.object({ kk: z.string(), ru: z.string(), en: z.string() });
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const healthResponse = z.object({ status: z.literal('ok'), time: z.string() });

export const parentCodeRequest = z.strictObject({ iin });
/**
 * The same answer whether or not the IIN has a cabinet, so the endpoint does not tell strangers
 * which IINs are in the queue.
 */
export const parentCodeResponse = z.object({
  sent: z.literal(true),
  expiresInSeconds: z.number().int(),
});

export const openApiResponse = z.record(z.string(), z.unknown());

export const parentSessionRequest = z.strictObject({
  iin,
  code: z.string().regex(/^\d{6}$/, { message: 'code_format' }),
});

export const staffSessionRequest = z.strictObject({
  login: z.string().trim().min(3).max(100),
  password: z.string().min(1).max(200),
});

export const identityResponse = z.object({
  role: z.enum(['parent', 'staff']),
  displayName: z.string(),
  tenantId: z.string().optional(),
});

export const logoutResponse = z.object({ loggedOut: z.literal(true) });

const kindergartenRef = z.object({ kindergartenId: z.string(), name: localized });

export const cabinetApplicationsResponse = z.object({
  applications: z.array(
    z.object({
      applicationId: z.string(),
      tenantId: z.string(),
      childName: z.string(),
      birthDate: isoDate,
      registeredAt: z.string(),
      status: z.enum(applicationStatuses),
      stopReason: z.enum(stopReasons).optional(),
      validUntil: isoDate,
      priority: z.enum(priorityCategories),
      language: z.enum(instructionLanguages),
      kindergartens: z.array(kindergartenRef),
    }),
  ),
});

export const staffKindergartensResponse = z.object({
  kindergartens: z.array(
    z.object({
      kindergartenId: z.string(),
      name: localized,
      ownership: z.enum(['state', 'private']),
      languages: z.array(z.enum(instructionLanguages)),
      district: z.string(),
      location: z.object({ lat: z.number(), lon: z.number() }),
      capacity: z.record(z.enum(ageGroups), z.number().int()),
    }),
  ),
});

export const errorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
