/**
 * Kazakhstan's individual identification number (ЖСН / ИИН): 12 digits,
 * `YYMMDD` birth date, a century-and-sex digit, a 4-digit serial and a check digit.
 */

export type Sex = 'male' | 'female';

export interface IinFacts {
  /** `YYYY-MM-DD` */
  readonly birthDate: string;
  readonly sex: Sex;
}

export type IinProblem = 'format' | 'date' | 'century' | 'checksum';

const firstWeights = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const secondWeights = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

function weightedSum(digits: readonly number[], weights: readonly number[]): number {
  return weights.reduce((sum, weight, i) => sum + weight * (digits[i] ?? 0), 0) % 11;
}

/** The check digit for the first 11 digits, or `undefined` if no digit can make them valid. */
export function iinCheckDigit(first11: string): number | undefined {
  const digits = [...first11].map(Number);
  const first = weightedSum(digits, firstWeights);
  if (first !== 10) return first;
  const second = weightedSum(digits, secondWeights);
  return second === 10 ? undefined : second;
}

function centuryOf(digit: number): { century: number; sex: Sex } | undefined {
  if (digit < 1 || digit > 6) return undefined;
  return { century: 1800 + Math.floor((digit - 1) / 2) * 100, sex: digit % 2 === 1 ? 'male' : 'female' };
}

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Reads an IIN: its birth date and sex, or the first problem found. */
export function parseIin(iin: string): { ok: true; value: IinFacts } | { ok: false; problem: IinProblem } {
  if (!/^\d{12}$/.test(iin)) return { ok: false, problem: 'format' };
  const centuryAndSex = centuryOf(Number(iin[6]));
  if (!centuryAndSex) return { ok: false, problem: 'century' };
  const year = centuryAndSex.century + Number(iin.slice(0, 2));
  const month = Number(iin.slice(2, 4));
  const day = Number(iin.slice(4, 6));
  if (!isRealDate(year, month, day)) return { ok: false, problem: 'date' };
  if (iinCheckDigit(iin.slice(0, 11)) !== Number(iin[11])) return { ok: false, problem: 'checksum' };
  const birthDate = `${year}-${iin.slice(2, 4)}-${iin.slice(4, 6)}`;
  return { ok: true, value: { birthDate, sex: centuryAndSex.sex } };
}

export function isValidIin(iin: string): boolean {
  return parseIin(iin).ok;
}

/**
 * Builds a valid IIN for a birth date and sex, starting from `serial` (0–9999) and moving on
 * past serials for which no check digit exists. Used for synthetic demo and test data.
 */
export function makeIin(birthDate: string, sex: Sex, serial: number): string {
  const [year, month, day] = birthDate.split('-').map(Number) as [number, number, number];
  const centuryIndex = Math.floor((year - 1800) / 100);
  if (centuryIndex < 0 || centuryIndex > 2 || !isRealDate(year, month, day)) {
    throw new RangeError(`no IIN exists for birth date ${birthDate}`);
  }
  const centuryDigit = centuryIndex * 2 + (sex === 'male' ? 1 : 2);
  const prefix = `${String(year % 100).padStart(2, '0')}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${centuryDigit}`;
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const first11 = prefix + String((serial + attempt) % 10_000).padStart(4, '0');
    const check = iinCheckDigit(first11);
    if (check !== undefined) return first11 + String(check);
  }
  throw new RangeError(`no serial gives a valid IIN for ${birthDate}`);
}

/**
 * `••••••••••34`: the last two digits only. Staff lists show the child's birth date, which is the
 * IIN's first six digits; with four digits shown (the check digit among them) the rest could be
 * worked out for most children. With two, well over a hundred valid IINs fit each entry
 * (`test/unit/iin.test.ts`).
 */
export function maskIin(iin: string): string {
  return iin.length === 12 ? `••••••••••${iin.slice(10)}` : '••••';
}
