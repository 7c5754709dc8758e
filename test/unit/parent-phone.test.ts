import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskPhone, phoneConflicts } from '#domain/parent-phone';

describe('maskPhone', () => {
  it('should keep the country code, the first operator digit and the last two digits only', () => {
    // Act
    const masked = ['+77011234534', '+77479876512'].map(maskPhone);
    // Assess
    expect(masked).toEqual(['+7 7** *** **34', '+7 7** *** **12']);
  });

  it('should never show more than three digits of any number after the country code', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\+7\d{10}$/), (phone) => {
        // Act
        const masked = maskPhone(phone);
        // Assess
        expect(masked.replace(/^\+7/, '').replace(/\D/g, '')).toHaveLength(3);
      }),
    );
  });

  it('should show no digit of a number that is not +7 and ten digits', () => {
    // Act
    const masked = maskPhone('87011234534');
    // Assess
    expect(masked).toBe('+7 *** *** ****');
  });
});

describe('phoneConflicts', () => {
  it('should name the rows whose phone differs from the account on file or from the first row of a new parent', () => {
    // Prepare: parent 1 on file; parent 2 new, twice with another phone the second time
    const onFile = new Map([['111111111111', '+77011234534']]);
    const rows = [
      { line: 2, applicantIin: '111111111111', applicantPhone: '+77011234534' },
      { line: 3, applicantIin: '111111111111', applicantPhone: '+77019999999' },
      { line: 4, applicantIin: '222222222222', applicantPhone: '+77071112233' },
      { line: 5, applicantIin: '222222222222', applicantPhone: '+77071112233' },
      { line: 6, applicantIin: '222222222222', applicantPhone: '+77074445566' },
    ];
    // Act
    const problems = phoneConflicts(rows, onFile);
    // Assess
    expect(problems).toEqual([
      { line: 3, column: 'applicant_phone', key: 'phone_on_file_differs', params: { phone: '+7 7** *** **34' } },
      { line: 6, column: 'applicant_phone', key: 'phone_differs_in_file', params: { phone: '+7 7** *** **33' } },
    ]);
  });
});
