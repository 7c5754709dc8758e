import { describe, expect, it } from 'vitest';
import { csvLine } from '#domain/csv-write';

describe('CSV for spreadsheets', () => {
  it('should defuse a cell that would run as a formula, also behind spaces', () => {
    // Act
    const line = csvLine(['=1+1', '+7 701', '-2', '@SUM(A1)', '\tx', ' =HYPERLINK("x")', '\u00a0-1', 'a=b', 'Алма-Ата'], ';');
    // Assess
    expect(line).toBe(`'=1+1;'+7 701;'-2;'@SUM(A1);"'\tx";"' =HYPERLINK(""x"")";'\u00a0-1;a=b;Алма-Ата\r\n`);
  });

  it('should quote a cell holding the delimiter, a quote or a line break, and leave numbers as they are', () => {
    expect(csvLine(['a;b', 'say "hi"', 'two\nlines', 'cr\rhere', -5, 3.5], ';')).toBe('"a;b";"say ""hi""";"two\nlines";"cr\rhere";-5;3.5\r\n');
  });

  it('should quote a cell holding either separator or a tab whatever the separator of the file', () => {
    // Act
    const semicolonFile = csvLine(['a,b', 'a;b', 'a\tb', 'plain'], ';');
    const commaFile = csvLine(['a,b', 'a;b', 'a\tb', 'plain'], ',');
    // Assess
    expect(semicolonFile).toBe('"a,b";"a;b";"a\tb";plain\r\n');
    expect(commaFile).toBe('"a,b","a;b","a\tb",plain\r\n');
  });

  it('should defuse a formula trigger that follows a separator character inside a cell', () => {
    // Act
    const line = csvLine(['Сад,=1+1', 'x;+7', 'y, -2', 'z\t@A1', 'w,\tv', 'q;\rr', 'Сад, №5', '1,5'], ',');
    // Assess
    expect(line).toBe(`"Сад,'=1+1","x;'+7","y,' -2","z\t'@A1","w,'\tv","q;'\rr","Сад, №5","1,5"\r\n`);
  });
});
