import { describe, expect, it } from 'vitest';
import { formatDate, formatKazakhstanTime, kazakhstanToday } from '../../web/src/format.ts';
import { untilKk } from '../../web/src/i18n/kk.ts';
import { ru } from '../../web/src/i18n/ru.ts';

describe('dates in the parent’s texts', () => {
  it('should end a Russian sentence on a date with a single full stop', () => {
    // Act
    const text = ru.survey.validUntil(formatDate('ru', '2027-12-06'));

    // Assess
    expect(text).toBe('Ваши заявления действуют до 6 декабря 2027.');
  });

  it('should put a Kazakh date before "дейін" in the dative', () => {
    // Act
    const long = untilKk('2026 ж. 6 желтоқсан');
    const spring = untilKk('2027 ж. 14 сәуір');

    // Assess
    expect(long).toBe('2026 жылғы 6 желтоқсанға дейін');
    expect(spring).toBe('2027 жылғы 14 сәуірге дейін');
  });

  it('should read a deadline on Astana’s clock (UTC+5)', () => {
    // Act
    const time = formatKazakhstanTime('2026-12-06T18:59:00.000Z');
    const today = kazakhstanToday(Date.parse('2026-12-06T19:30:00.000Z'));

    // Assess
    expect(time).toBe('23:59');
    expect(today).toBe('2026-12-07');
  });
});
