import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeQueueCursor } from '#http/queue-cursor';
import { queueCursor } from '#http/schemas';
import { importedId } from '#use-cases/imports';

/** What a tenant id and an import's external id may hold (the import's `id_format` rule). */
const idPart = fc.stringMatching(/^[\w-]{1,40}$/);
/** Every id shape the system creates: registered (`app-<uuid>`) and imported (`imp.<tenant>.<external id>`). */
const applicationId = fc.oneof(
  fc.uuid().map((uuid) => `app-${uuid}`),
  fc.tuple(idPart, idPart).map(([tenant, external]) => importedId(tenant, external)),
);
/** Registration instants as the stores keep them (`toISOString`), from the first imported queues to far ahead. */
const registeredAt = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString());
const pageKey = fc.record({ registeredAt, applicationId });

describe('the queue page cursor', () => {
  it('should give back the same key for every id shape the system creates', () => {
    // Prepare: the longest ids an import can make, and a real imported id
    expect(queueCursor().safeParse(encodeQueueCursor({ registeredAt: '2024-03-15T00:00:00.000Z', applicationId: 'imp.temirtau.T000001' })).data).toEqual({
      registeredAt: '2024-03-15T00:00:00.000Z',
      applicationId: 'imp.temirtau.T000001',
    });
    const longest = `imp.${'t'.repeat(40)}.${'x'.repeat(40)}`;
    expect(queueCursor().safeParse(encodeQueueCursor({ registeredAt: '2099-12-31T23:59:59.999Z', applicationId: longest })).success).toBe(true);

    // Act and Assess
    fc.assert(
      fc.property(pageKey, (key) => {
        const cursor = encodeQueueCursor(key);
        expect(cursor).toMatch(/^[\w-]+$/);
        expect(queueCursor().parse(cursor)).toEqual(key);
      }),
    );
  });

  it('should refuse a cursor that carries anything but a well-formed key', () => {
    // Prepare: keys no list ever hands out (an id with a character outside [\w.-] or too long, a date that is not one, extra fields)
    const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const badId = fc.oneof(
      fc.tuple(applicationId, fc.constantFrom('#', '/', ' ', '"', ':', '\u0430', '\n'), fc.nat(10)).map(([id, bad, at]) => id.slice(0, at) + bad + id.slice(at)),
      fc.constant('x'.repeat(101)),
      fc.constant(''),
    );

    // Act and Assess
    fc.assert(
      fc.property(registeredAt, badId, (at, id) => {
        expect(queueCursor().safeParse(forged({ registeredAt: at, applicationId: id })).success).toBe(false);
      }),
    );
    fc.assert(
      fc.property(pageKey, fc.string({ minLength: 1, maxLength: 10 }), (key, field) => {
        fc.pre(field !== 'registeredAt' && field !== 'applicationId');
        expect(queueCursor().safeParse(forged({ ...key, [field]: 'tenant-b' })).success).toBe(false);
      }),
    );
    for (const cursor of [forged({ registeredAt: 'x', applicationId: 'a' }), forged(['2024-01-01T00:00:00.000Z', 'a']), 'e30', '!!', `${'A'.repeat(301)}`]) {
      expect(queueCursor().safeParse(cursor).success, cursor).toBe(false);
    }
  });

  it('should either refuse a tampered cursor or read a well-formed key from it, never fail otherwise', () => {
    fc.assert(
      fc.property(pageKey, fc.nat(), fc.string({ minLength: 1, maxLength: 1 }), (key, index, replacement) => {
        // Prepare: one character of a real cursor replaced by anything
        const cursor = encodeQueueCursor(key);
        const at = index % cursor.length;
        const tampered = cursor.slice(0, at) + replacement + cursor.slice(at + 1);
        // Act
        const result = queueCursor().safeParse(tampered);
        // Assess: a cursor only ever opens the page after some well-formed key of the same list
        if (result.success) {
          expect(Object.keys(result.data).sort()).toEqual(['applicationId', 'registeredAt']);
          expect(result.data.applicationId).toMatch(/^[\w.-]{1,100}$/);
          expect(result.data.registeredAt).toMatch(/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/);
        } else {
          expect(result.error.issues.map((issue) => issue.message)).toContain('cursor_invalid');
        }
      }),
    );
  });
});
