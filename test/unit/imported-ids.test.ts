import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importedId } from '#use-cases/imports';

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
});
