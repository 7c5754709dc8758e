import { describe, expect, it } from 'vitest';
import { csvLine } from '#domain/csv-write';

describe('CSV for spreadsheets', () => {
  it('should defuse a cell that would run as a formula, also behind spaces', () => {
    // Act
    const line = csvLine(['=1+1', '+7 701', '-2', '@SUM(A1)', '\tx', ' =HYPERLINK("x")', '\u00a0-1', 'a=b', 'Алма-Ата'], ';');
    // Assess
    expect(line).toBe(`'=1+1;'+7 701;'-2;'@SUM(A1);'\tx;"' =HYPERLINK(""x"")";'\u00a0-1;a=b;Алма-Ата\r\n`);
  });

  it('should quote a cell holding the delimiter, a quote or a line break, and leave numbers as they are', () => {
    expect(csvLine(['a;b', 'a,b', 'say "hi"', 'two\nlines', -5, 3.5], ';')).toBe('"a;b";a,b;"say ""hi""";"two\nlines";-5;3.5\r\n');
    expect(csvLine(['a;b', 'a,b'], ',')).toBe('a;b,"a,b"\r\n');
  });
});
