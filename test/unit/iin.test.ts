import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { iinCheckDigit, isValidIin, makeIin, maskIin, parseIin } from '#domain/iin';

const birthDates = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('IIN', () => {
  it('should read the birth date and sex back from any IIN it makes', () => {
    fc.assert(
      fc.property(birthDates, fc.constantFrom('male' as const, 'female' as const), fc.integer({ min: 0, max: 9999 }), (birthDate, sex, serial) => {
        // Act
        const parsed = parseIin(makeIin(birthDate, sex, serial));
        // Assess
        expect(parsed).toEqual({ ok: true, value: { birthDate, sex } });
      }),
    );
  });

  it('should refuse an IIN whose check digit was changed', () => {
    fc.assert(
      fc.property(birthDates, fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1, max: 9 }), (birthDate, serial, delta) => {
        // Prepare
        const iin = makeIin(birthDate, 'female', serial);
        const changed = iin.slice(0, 11) + String((Number(iin[11]) + delta) % 10);
        // Act + Assess
        expect(isValidIin(changed)).toBe(false);
      }),
    );
  });

  it('should never make an IIN whose first 11 digits have no check digit', () => {
    fc.assert(
      fc.property(birthDates, fc.integer({ min: 0, max: 9999 }), (birthDate, serial) => {
        const iin = makeIin(birthDate, 'male', serial);
        expect(iinCheckDigit(iin.slice(0, 11))).toBe(Number(iin[11]));
      }),
    );
  });

  it('should use the second weights when the first sum gives 10', () => {
    // Prepare: 11 digits whose first weighted sum is 10 mod 11
    const first11 = '00000000010';
    // Act
    const check = iinCheckDigit(first11);
    // Assess: first pass 10*1 = 10 → second pass 1*1 (weight 1 at position 10) = 1
    expect(check).toBe(1);
  });

  it('should name the problem of a malformed IIN', () => {
    expect(parseIin('12345')).toEqual({ ok: false, problem: 'format' });
    expect(parseIin('99123070000x')).toEqual({ ok: false, problem: 'format' });
    expect(parseIin('991230000000')).toEqual({ ok: false, problem: 'century' });
    expect(parseIin('991330300000')).toEqual({ ok: false, problem: 'date' });
    const valid = makeIin('2021-02-28', 'male', 17);
    const wrongCheck = valid.slice(0, 11) + String((Number(valid[11]) + 1) % 10);
    expect(parseIin(wrongCheck)).toEqual({ ok: false, problem: 'checksum' });
  });

  it('should refuse 29 February in a year that has none', () => {
    expect(() => makeIin('2023-02-29', 'male', 1)).toThrow(RangeError);
    expect(parseIin(`230229${'5'}0001` + '0').ok).toBe(false);
  });

  it('should mask all but the last two digits', () => {
    expect(maskIin('200101512345')).toBe('••••••••••45');
  });

  it('should leave over a hundred valid IINs that fit a masked IIN shown beside its birth date, whatever the sex', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1950-01-01'), max: new Date('2025-12-31'), noInvalidDate: true }), fc.constantFrom('male' as const, 'female' as const), fc.integer({ min: 0, max: 9_999 }), (date, sex, serial) => {
        // Prepare: what a staff list shows (birth date, masked IIN)
        const iin = makeIin(date.toISOString().slice(0, 10), sex, serial);
        const masked = maskIin(iin);
        // Act: every IIN with that birth date (either sex digit of its century) that masks the same
        const centuryDigits = Number(iin[6]) % 2 === 1 ? [iin[6], String(Number(iin[6]) + 1)] : [String(Number(iin[6]) - 1), iin[6]];
        let fitting = 0;
        for (const centuryDigit of centuryDigits) {
          for (let middle = 0; middle < 1_000; middle++) {
            const candidate = `${iin.slice(0, 6)}${centuryDigit}${String(middle).padStart(3, '0')}${iin[10]}`;
            const check = iinCheckDigit(candidate);
            if (check !== undefined && maskIin(candidate + String(check)) === masked) fitting++;
          }
        }
        // Assess
        expect(fitting).toBeGreaterThan(100);
      }),
      { numRuns: 50 },
    );
  });
});
