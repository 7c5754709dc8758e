import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kindergartenIdFromName } from '#domain/kindergarten-rules';
import { encodeQueueCursor } from '#http/queue-cursor';
import { idPatterns, idSchemas, queueQuery } from '#http/schemas';
import { importedId } from '#use-cases/imports';

/** What the import accepts as a tenant id and an external id (`import-rows.ts`, `tenants`). */
const idPart = fc.stringMatching(/^[\w-]{1,40}$/);

describe('imported application ids', () => {
  it('should never give two different (tenant, external id) pairs the same id, dashes or not', () => {
    expect(importedId('a', 'b-1')).not.toBe(importedId('a-b', '1'));
    fc.assert(
      fc.property(idPart, idPart, idPart, idPart, (tenantA, externalA, tenantB, externalB) => {
        fc.pre(tenantA !== tenantB || externalA !== externalB);
        expect(importedId(tenantA, externalA)).not.toBe(importedId(tenantB, externalB));
      }),
    );
  });

  it('should be accepted by the API’s application id schema, the longest included', () => {
    // Prepare
    const longest = importedId('t'.repeat(40), 'e'.repeat(40));
    // Assess
    expect(longest).toHaveLength(85);
    expect(idSchemas.application.safeParse(longest).success).toBe(true);
    fc.assert(
      fc.property(idPart, idPart, (tenantId, externalId) => {
        expect(importedId(tenantId, externalId)).toMatch(idPatterns.application);
      }),
    );
  });

  it('should page the queue browser past an imported application (its cursor is accepted back)', () => {
    // Prepare: the cursor the server hands out after a page ending in an imported application
    const cursor = encodeQueueCursor({ registeredAt: '2026-03-01T08:00:00.000Z', applicationId: 'imp.temirtau.Q-000123' });
    // Act
    const parsed = queueQuery().safeParse({ birthYear: '2023', status: 'stopped', cursor });
    // Assess
    expect(parsed.success).toBe(true);
    expect(parsed.data?.cursor).toEqual({ registeredAt: '2026-03-01T08:00:00.000Z', applicationId: 'imp.temirtau.Q-000123' });
  });
});

describe('ids the system makes', () => {
  it('should match the API’s id schemas: registered applications, campaigns, exports and kindergartens named after any text', () => {
    // Assess: the shapes `registration.ts`, `campaign-commands.ts` and `exports.ts` create
    expect('app-0b7c8f2e-5a41-4f6e-9d0e-1c2b3a4d5e6f').toMatch(idPatterns.application);
    expect('c-2026-0b7c8f2e').toMatch(idPatterns.entity);
    expect('x-0b7c8f2e-5a41-4f6e-9d0e-1c2b3a4d5e6f').toMatch(idPatterns.entity);
    expect('2026-03-01T08:00:00.000Z#imp.temirtau.Q-000123#withdrawn').toMatch(idPatterns.notification);
    expect('2026-03-01T08:00:00+05:00#c-2026-0b7c8f2e#campaign_reminder-3').toMatch(idPatterns.notification);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.string({ maxLength: 50 }), (ru, en) => {
        expect(kindergartenIdFromName({ kk: ru, ru, en })).toMatch(idPatterns.entity);
      }),
    );
  });

  it('should refuse an empty, an overlong and an odd id', () => {
    expect(idSchemas.notification.safeParse('').success).toBe(false);
    expect(idSchemas.notification.safeParse('a'.repeat(201)).success).toBe(false);
    expect(idSchemas.application.safeParse('app/../x').success).toBe(false);
    expect(idSchemas.entity.safeParse('').success).toBe(false);
  });
});
