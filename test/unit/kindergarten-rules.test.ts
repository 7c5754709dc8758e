import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Kindergarten } from '#domain/application';
import { checkKindergartenRows, kindergartenColumns } from '#domain/import-rows';
import { checkKindergartenFields, implausibleCoordinates, kindergartenIdFromName, refusalOfEdit, type KindergartenFields } from '#domain/kindergarten-rules';

const places = { nursery: 10, junior: 20, middle: 20, senior: 20, preschool: 15 };
const fields: KindergartenFields = {
  name: { kk: 'Ақбота', ru: 'Акбота', en: 'Akbota' },
  ownership: 'state',
  languages: ['kk', 'ru'],
  district: 'centre',
  address: '',
  location: { lat: 50.06, lon: 72.96 },
  capacity: places,
};
const stored = (version: number | undefined, occupancy = { ...places, junior: 5 }): Kindergarten => ({
  ...fields,
  tenantId: 't',
  kindergartenId: 'kg',
  occupancy,
  ...(version !== undefined && { version }),
});

describe('kindergartenIdFromName', () => {
  it('should spell Russian and Kazakh names in Latin letters', () => {
    expect(kindergartenIdFromName({ kk: '', ru: 'Детский сад №5 «Солнышко»', en: '' })).toBe('detskiy-sad-5-solnyshko');
    expect(kindergartenIdFromName({ kk: '«Ақбөбек» балабақшасы', ru: '', en: '' })).toBe('aqbobek-balabaqshasy');
    expect(kindergartenIdFromName({ kk: 'Ақбота', ru: 'Акбота', en: 'Kindergarten No. 7 “Akbota”' })).toBe('kindergarten-no-7-akbota');
  });

  it('should always give an id the import also accepts', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (kk, ru, en) => {
        expect(kindergartenIdFromName({ kk, ru, en })).toMatch(/^[a-z0-9][a-z0-9-]{0,39}$/);
      }),
    );
  });
});

describe('coordinates', () => {
  it('should accept exactly the points within Kazakhstan’s bounds', () => {
    fc.assert(
      fc.property(fc.double({ min: -90, max: 90, noNaN: true }), fc.double({ min: -180, max: 180, noNaN: true }), (lat, lon) => {
        const outside = implausibleCoordinates({ lat, lon });
        expect(outside.includes('lat')).toBe(lat < 40 || lat > 56);
        expect(outside.includes('lon')).toBe(lon < 46 || lon > 88);
      }),
    );
  });

  it('should refuse the same coordinates in the form and in the CSV import', () => {
    // Prepare: the import's row for the same kindergarten with the latitude out of bounds
    const values = Object.fromEntries(kindergartenColumns.map((column) => [column, '1']));
    const row = { line: 2, values: { ...values, kindergarten_id: 'kg', ownership: 'state', languages: 'kk', district: 'centre', lat: '39.9', lon: '72.96' } };
    // Act
    const imported = checkKindergartenRows([row], new Set(['centre'])).problems;
    const form = checkKindergartenFields({ ...fields, location: { lat: 39.9, lon: 72.96 } }, new Set(['centre']));
    // Assess
    expect(imported).toEqual([{ line: 2, column: 'lat', key: 'coordinate_range' }]);
    expect(form).toEqual([{ path: 'location.lat', key: 'coordinate_range' }]);
  });
});

describe('checkKindergartenFields', () => {
  it('should name an unknown district and a language given twice', () => {
    expect(checkKindergartenFields({ ...fields, district: 'atlantis', languages: ['kk', 'kk'] }, new Set(['centre']))).toEqual([
      { path: 'languages', key: 'options_distinct' },
      { path: 'district', key: 'district_unknown' },
    ]);
    expect(checkKindergartenFields(fields, new Set(['centre']))).toEqual([]);
  });
});

describe('refusalOfEdit', () => {
  it('should tell a vanished kindergarten, a newer revision and groups below the places taken apart', () => {
    expect(refusalOfEdit(undefined, 1, places)).toEqual({ kind: 'missing' });
    expect(refusalOfEdit(stored(3), 2, places)).toEqual({ kind: 'changed' });
    expect(refusalOfEdit(stored(undefined), 0, { ...places, junior: 4, senior: 19 })).toEqual({ kind: 'below_occupancy', groups: ['junior', 'senior'] });
  });

  it('should put someone else’s change before the places taken', () => {
    expect(refusalOfEdit(stored(2), 1, { ...places, junior: 0 })).toEqual({ kind: 'changed' });
  });
});
