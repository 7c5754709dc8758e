import { describe, expect, it } from 'vitest';
import { languages } from '#domain/language';
import { defaultPolicy } from '#domain/policy';
import { atKazakhstanHour, firstName, siteAddress, smsKinds, smsSegments, smsSendableAt, smsTemplates, smsText } from '#domain/sms';

/** The longest values a text realistically takes (the bounds of `smsParamBounds`). */
const longest = {
  // 16 characters: the longest address the declarations hold (e.g. a department's own domain).
  site: 'kezek.edu.gov.kz',
  // Two children of one parent stopped by the same close, at the 16-character bound.
  child: 'Нұрсұлтан, Әлия',
  // A real-world long name, beyond the 36-character bound, so it is cut.
  kindergarten: '№ 112 «Қызғалдақ» бөбекжай-бақшасы (санаториялық)',
  date: '30.12.2026',
};

describe('SMS segments', () => {
  it('should count GSM-7 texts in septets: 160 in one segment, 153 per part, extension characters twice', () => {
    // Prepare / Act / Assess
    expect(smsSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(smsSegments('a'.repeat(161))).toEqual({ encoding: 'GSM-7', units: 161, segments: 2 });
    expect(smsSegments('a'.repeat(306))).toEqual({ encoding: 'GSM-7', units: 306, segments: 2 });
    expect(smsSegments('a'.repeat(307))).toEqual({ encoding: 'GSM-7', units: 307, segments: 3 });
    expect(smsSegments('€'.repeat(80))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(smsSegments(`${'a'.repeat(159)}[`)).toEqual({ encoding: 'GSM-7', units: 161, segments: 2 });
  });

  it('should count a text with any character outside GSM-7 in UCS-2 units: 70 in one segment, 67 per part', () => {
    expect(smsSegments('ә'.repeat(70))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 });
    expect(smsSegments(`${'a'.repeat(70)}ә`)).toEqual({ encoding: 'UCS-2', units: 71, segments: 2 });
    expect(smsSegments('ы'.repeat(134))).toEqual({ encoding: 'UCS-2', units: 134, segments: 2 });
    expect(smsSegments('ы'.repeat(135))).toEqual({ encoding: 'UCS-2', units: 135, segments: 3 });
    // A curly quote is not GSM-7: one such character turns a Latin text into UCS-2.
    expect(smsSegments('“a”')).toEqual({ encoding: 'UCS-2', units: 3, segments: 1 });
  });
});

describe('SMS texts', () => {
  it('should fit every kind in every language in its declared segments with the longest parameters', () => {
    for (const kind of smsKinds) {
      for (const language of languages) {
        // Act
        const text = smsText(kind, language, longest);
        // Assess
        expect({ kind, language, segments: smsSegments(text).segments }).toEqual({ kind, language, segments: smsTemplates[kind][language].segments });
      }
    }
  });

  it('should keep one segment for the campaign start and reminder in every language', () => {
    for (const kind of ['campaign_started', 'campaign_reminder'] as const) {
      for (const language of languages) expect(smsTemplates[kind][language].segments).toBe(1);
    }
  });

  it('should write each text in one language only and end with the site', () => {
    const cyrillic = /[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]/;
    const kazakhOnly = /[ӘәҒғҚқҢңӨөҰұҮүҺһІі]/;
    const params = { site: 'kezek.kz', child: 'Ali', kindergarten: 'Sunny', date: '06.12.2026' };
    for (const kind of smsKinds) {
      expect(smsText(kind, 'en', params)).not.toMatch(cyrillic);
      expect(smsText(kind, 'ru', params)).not.toMatch(kazakhOnly);
      for (const language of languages) expect(smsText(kind, language, params).endsWith(': kezek.kz')).toBe(true);
    }
  });

  it('should read the Kazakh texts with the native reader\'s terms', () => {
    const params = { site: 'kezek.kz', child: 'Әлия', kindergarten: '№5 «Балапан» бөбекжай-бақшасы', date: '06.12.2026' };
    expect(smsText('campaign_started', 'kk', params)).toBe('Балабақша кезегін 06.12.2026 ж. дейін растаңыз: kezek.kz');
    expect(smsText('campaign_reminder', 'kk', params)).toBe('Кезекті растау мерзімі 06.12.2026 аяқталады: kezek.kz');
    expect(smsText('stop_cleanup', 'kk', params)).toBe('Әлия: кезек расталмады, өтініш стоп-параққа түсті. Жеке кабинетте қайтарыңыз, тіркелу күні сақталады: kezek.kz');
    expect(smsText('referral_issued', 'kk', params)).toBe('Әлия: жолдама берілді, №5 «Балапан» бөбекжай-бақшасы. Оны 06.12.2026 ж. дейін пайдаланыңыз: kezek.kz');
    expect(smsText('referral_expired', 'kk', params)).toBe('Әлия: жолдама мерзімі өтті, өтініш стоп-парақта. 06.12.2026 ж. бұрынғы тіркелу күнімен кезекке оралады: kezek.kz');
  });

  it('should cut a long kindergarten name with an ellipsis and never cut the site', () => {
    // Act
    const text = smsText('referral_issued', 'ru', { ...longest, site: 'https-less.example.kz' });
    // Assess
    expect(text).toBe('Нұрсұлтан, Әлия: выдано направление в № 112 «Қызғалдақ» бөбекжай-бақшасы…. Используйте его до 30.12.2026: https-less.example.kz');
  });

  it('should end with a full stop when no site is configured', () => {
    expect(smsText('campaign_reminder', 'ru', { site: '', date: '06.12.2026' })).toBe('Подтверждение очереди заканчивается 06.12.2026.');
  });

  it('should name the child by first name and the site without its scheme', () => {
    // Surname, given name, patronymic, as in the documents
    expect(firstName('Сейіт Әлия')).toBe('Әлия');
    expect(firstName('  Сейіт   Әлия Маратқызы ')).toBe('Әлия');
    expect(firstName('Әлия')).toBe('Әлия');
    expect(siteAddress('https://kezek.kz/')).toBe('kezek.kz');
    expect(siteAddress('http://127.0.0.1:8080')).toBe('127.0.0.1:8080');
  });
});

describe('SMS hours', () => {
  const hours = defaultPolicy.smsHours;

  it('should send at once between 09:00 and 21:00 Kazakhstan time', () => {
    // 09:00 and 20:59 local = 04:00 and 15:59 UTC
    expect(smsSendableAt(new Date('2026-12-06T04:00:00Z'), hours).toISOString()).toBe('2026-12-06T04:00:00.000Z');
    expect(smsSendableAt(new Date('2026-12-06T15:59:59Z'), hours).toISOString()).toBe('2026-12-06T15:59:59.000Z');
  });

  it('should hold an SMS due at night until 09:00 Kazakhstan time', () => {
    // 23:30 local → 09:00 the next day; 21:00 → the next day; 00:00:05 and 08:59 → the same day
    expect(smsSendableAt(new Date('2026-12-06T18:30:00Z'), hours).toISOString()).toBe('2026-12-07T04:00:00.000Z');
    expect(smsSendableAt(new Date('2026-12-06T16:00:00Z'), hours).toISOString()).toBe('2026-12-07T04:00:00.000Z');
    expect(smsSendableAt(new Date('2026-12-06T19:00:05Z'), hours).toISOString()).toBe('2026-12-07T04:00:00.000Z');
    expect(smsSendableAt(new Date('2026-12-07T03:59:00Z'), hours).toISOString()).toBe('2026-12-07T04:00:00.000Z');
    // New Year's Eve at 23:59:59 local goes on 1 January
    expect(smsSendableAt(new Date('2026-12-31T18:59:59Z'), hours).toISOString()).toBe('2027-01-01T04:00:00.000Z');
  });

  it('should give an hour of the Kazakhstan day of an instant', () => {
    // 23:30 local on 6 December (18:30 UTC) → 10:00 local that day; 00:30 local on 7 December (19:30 UTC on the 6th) → 10:00 on the 7th
    expect(atKazakhstanHour(new Date('2026-12-06T18:30:00Z'), 10).toISOString()).toBe('2026-12-06T05:00:00.000Z');
    expect(atKazakhstanHour(new Date('2026-12-06T19:30:00Z'), 10).toISOString()).toBe('2026-12-07T05:00:00.000Z');
  });
});
