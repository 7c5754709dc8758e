import { describe, expect, it } from 'vitest';
import { createKindergartenRequest, registerApplicationRequest } from '#http/schemas';

/** The fields' messages of a refused body: path → message key. */
function refusals(result: { success: boolean; error?: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } }): Record<string, string> {
  return Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]));
}

describe('names shown on one line (lists, SMS, CSV cells)', () => {
  it('should refuse a line break or another control character in a child’s, an applicant’s or a kindergarten’s name, and take a name with letters of every kind', () => {
    // Prepare
    const registration = {
      childIin: '220315600012',
      childName: 'Сейтқали Айдана',
      applicantIin: '900101400019',
      applicantPhone: '+77010000001',
      applicantName: 'Сейтқали Гүлнар',
      priority: 'none',
      kindergartenIds: ['k-1'],
      language: 'kk',
    };
    const kindergarten = {
      name: { kk: '«Балдырған» балабақшасы', ru: 'Детский сад «Балдырган»', en: '' },
      ownership: 'state',
      languages: ['kk'],
      district: 'centre',
      address: 'Абай к-сі, 1',
      location: { lat: 50.06, lon: 72.96 },
      capacity: { nursery: 0, junior: 20, middle: 20, senior: 20, preschool: 20 },
    };

    // Act
    const childWithBreak = registerApplicationRequest().safeParse({ ...registration, childName: 'Сейтқали\nАйдана' });
    const applicantWithTab = registerApplicationRequest().safeParse({ ...registration, applicantName: 'Сейтқали\tГүлнар' });
    const kindergartenWithBreak = createKindergartenRequest().safeParse({ ...kindergarten, name: { ...kindergarten.name, ru: 'Детский сад\r\n«Балдырган»' } });
    const fine = createKindergartenRequest().safeParse(kindergarten);

    // Assess
    expect(refusals(childWithBreak)).toEqual({ childName: 'one_line' });
    expect(refusals(applicantWithTab)).toEqual({ applicantName: 'one_line' });
    expect(refusals(kindergartenWithBreak)).toEqual({ 'name.ru': 'one_line' });
    expect(fine.success).toBe(true);
  });
});
