/**
 * Kazakhstan's non-working days for the 5-day week (the week government offices work), kept as
 * data: holidays move at short notice (Kurban Ait is announced each year; 30 August 2026 was
 * cancelled after the 2026 Constitution), so a late official change must be a data edit, not a
 * code change. Adding a year is adding one `CalendarYear` object to `kazakhstanCalendar`.
 *
 * Rules behind the data (Labour Code; law No. 267 of 13 Dec 2001 on holidays): a public holiday
 * on Saturday or Sunday moves the day off to the next working day, except the first day of
 * Kurban Ait and 7 January, which are never transferred; the government may transfer days off.
 */

/** One day whose working status differs from what its weekday alone says. */
export interface CalendarDay {
  /** `YYYY-MM-DD` */
  readonly date: string;
  /** The holiday or the transfer that makes the day what it is, e.g. `'Nauryz'`. */
  readonly reason: string;
}

/** One calendar year of the 5-day week. */
export interface CalendarYear {
  readonly year: number;
  /** `'projected'`: derived from the rules before the official calendar was published; confirm it. */
  readonly status: 'official' | 'projected';
  /** Where the facts come from, so an operator can check them. */
  readonly sources: readonly string[];
  /** Monday to Friday days that are days off. */
  readonly nonWorkingWeekdays: readonly CalendarDay[];
  /** Saturdays and Sundays that the government made working days. */
  readonly workingWeekendDays: readonly CalendarDay[];
  /** Facts a reader would otherwise miss (cancelled holidays, dates still to confirm). */
  readonly notes?: readonly string[];
}

const calendar2025: CalendarYear = {
  year: 2025,
  status: 'official',
  sources: [
    'rus.azattyq-ruhy.kz: production calendar 2025',
    'news.mail.ru: how Kazakhstan rests in 2025 (including Sun 5 Jan worked for Fri 3 Jan)',
  ],
  nonWorkingWeekdays: [
    { date: '2025-01-01', reason: 'New Year' },
    { date: '2025-01-02', reason: 'New Year' },
    { date: '2025-01-03', reason: 'transfer from Sun 5 Jan (government transfer)' },
    { date: '2025-01-07', reason: 'Orthodox Christmas' },
    { date: '2025-03-10', reason: 'transfer for Sat 8 Mar (International Women’s Day)' },
    { date: '2025-03-21', reason: 'Nauryz' },
    { date: '2025-03-24', reason: 'Nauryz: transfer for Sat 22 Mar' },
    { date: '2025-03-25', reason: 'Nauryz: transfer for Sun 23 Mar' },
    { date: '2025-05-01', reason: 'Unity Day of the People of Kazakhstan' },
    { date: '2025-05-07', reason: 'Defender of the Fatherland Day' },
    { date: '2025-05-09', reason: 'Victory Day' },
    { date: '2025-06-06', reason: 'Kurban Ait (first day)' },
    { date: '2025-07-07', reason: 'transfer for Sun 6 Jul (Capital Day)' },
    { date: '2025-09-01', reason: 'transfer for Sat 30 Aug (Constitution Day)' },
    { date: '2025-10-27', reason: 'transfer for Sat 25 Oct (Republic Day)' },
    { date: '2025-12-16', reason: 'Independence Day' },
  ],
  workingWeekendDays: [{ date: '2025-01-05', reason: 'working day, its day off moved to Fri 3 Jan' }],
};

const calendar2026: CalendarYear = {
  year: 2026,
  status: 'official',
  sources: [
    'inform.kz: «Как будут отдыхать казахстанцы в 2026 году»',
    'alau.kz: «Переносы выходных: праздничный календарь Казахстана на 2026 год»',
    'zakon.kz (December 2025)',
    'taspanews.kz: 31 August 2026 day off cancelled',
  ],
  nonWorkingWeekdays: [
    { date: '2026-01-01', reason: 'New Year' },
    { date: '2026-01-02', reason: 'New Year' },
    { date: '2026-01-07', reason: 'Orthodox Christmas' },
    { date: '2026-03-09', reason: 'transfer for Sun 8 Mar (International Women’s Day)' },
    { date: '2026-03-23', reason: 'Nauryz' },
    { date: '2026-03-24', reason: 'Nauryz: transfer for Sat 21 Mar' },
    { date: '2026-03-25', reason: 'Nauryz: transfer for Sun 22 Mar' },
    { date: '2026-05-01', reason: 'Unity Day of the People of Kazakhstan' },
    { date: '2026-05-07', reason: 'Defender of the Fatherland Day' },
    { date: '2026-05-11', reason: 'transfer for Sat 9 May (Victory Day)' },
    { date: '2026-05-27', reason: 'Kurban Ait (first day)' },
    { date: '2026-07-06', reason: 'Capital Day' },
    { date: '2026-10-26', reason: 'transfer for Sun 25 Oct (Republic Day)' },
    { date: '2026-12-16', reason: 'Independence Day' },
  ],
  workingWeekendDays: [],
  notes: [
    'After the Constitution adopted by the referendum of 15 March 2026, 30 August (a Sunday in 2026) is no longer a holiday: Monday 31 August 2026, first announced as a day off, is a working day.',
  ],
};

const calendar2027: CalendarYear = {
  year: 2027,
  status: 'projected',
  sources: [
    'Projection from the holiday law and the 2026 Constitution (Constitution Day on 15 March from 2027); no official 2027 calendar yet',
    'kz.kursiv.media: Kurban Ait 2024 moved at short notice (why its date needs confirming)',
  ],
  nonWorkingWeekdays: [
    { date: '2027-01-01', reason: 'New Year' },
    { date: '2027-01-04', reason: 'transfer for Sat 2 Jan (New Year)' },
    { date: '2027-01-07', reason: 'Orthodox Christmas' },
    { date: '2027-03-08', reason: 'International Women’s Day' },
    { date: '2027-03-15', reason: 'Constitution Day' },
    { date: '2027-03-22', reason: 'Nauryz' },
    { date: '2027-03-23', reason: 'Nauryz' },
    { date: '2027-03-24', reason: 'Nauryz: transfer for Sun 21 Mar' },
    { date: '2027-05-03', reason: 'transfer for Sat 1 May (Unity Day of the People of Kazakhstan)' },
    { date: '2027-05-07', reason: 'Defender of the Fatherland Day' },
    { date: '2027-05-10', reason: 'transfer for Sun 9 May (Victory Day)' },
    { date: '2027-07-06', reason: 'Capital Day' },
    { date: '2027-10-25', reason: 'Republic Day' },
    { date: '2027-12-16', reason: 'Independence Day' },
  ],
  workingWeekendDays: [],
  notes: [
    'To confirm: Kurban Ait 2027 is expected about Sunday 16 May; it is never transferred, so no weekday is off for it unless the announced date is a weekday.',
    'To confirm: government transfers of days off for 2027 are not published yet.',
  ],
};

/** The calendar the service uses; one object per year, oldest first. */
export const kazakhstanCalendar: readonly CalendarYear[] = [calendar2025, calendar2026, calendar2027];
