/**
 * Writing CSV for spreadsheets. Excel reads a UTF-8 file as UTF-8 only when it starts with a byte
 * order mark, and splits columns by the list separator of the computer's region: `;` in Kazakh
 * and Russian settings, `,` in English ones. The same file is opened with either, so a cell is
 * written to be safe under both: quoted when it holds any separator, and defused wherever a
 * formula could start (at its start or right after any separator inside it).
 */

export const utf8Bom = '\uFEFF';

export type CsvDelimiter = ',' | ';';

/** The separator a spreadsheet in that language's region expects. */
export const delimiterFor = (language: 'kk' | 'ru' | 'en'): CsvDelimiter => (language === 'en' ? ',' : ';');

/**
 * A formula trigger: = + - @ (also after spaces a spreadsheet may trim), or a tab or CR. Matched
 * at the start of a cell and after each separator a spreadsheet may split on (`,`, `;`, tab):
 * a file written with `;` and opened with `,` turns `Сад,=…` into a cell starting with `=`.
 */
const formulaStart = /^(?=[\s\u00a0]*[=+\-@]|[\t\r])/;
const formulaAfterSeparator = /([,;\t])(?=[\s\u00a0]*[=+\-@]|[\t\r])/g;

/** A cell that needs quotes under either separator (and under tab-separated reading). */
const needsQuotes = /[,;\t"\r\n]/;

function cell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const text = value.replace(formulaStart, "'").replace(formulaAfterSeparator, "$1'");
  return needsQuotes.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line (CRLF-terminated, as RFC 4180 and Excel expect). */
export function csvLine(values: readonly (string | number)[], delimiter: CsvDelimiter): string {
  return `${values.map((value) => cell(value)).join(delimiter)}\r\n`;
}
