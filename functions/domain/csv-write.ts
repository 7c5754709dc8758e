/**
 * Writing CSV for spreadsheets. Excel reads a UTF-8 file as UTF-8 only when it starts with a byte
 * order mark, and splits columns by the list separator of the computer's region: `;` in Kazakh
 * and Russian settings, `,` in English ones. A cell that starts like a formula is defused.
 */

export const utf8Bom = '\uFEFF';

export type CsvDelimiter = ',' | ';';

/** The separator a spreadsheet in that language's region expects. */
export const delimiterFor = (language: 'kk' | 'ru' | 'en'): CsvDelimiter => (language === 'en' ? ',' : ';');

function cell(value: string | number, delimiter: CsvDelimiter): string {
  if (typeof value === 'number') return String(value);
  // A leading = + - @ (or tab/CR), also after spaces a spreadsheet may trim, would run as a
  // formula when the file is opened (CSV injection).
  const text = /^[\s\u00a0]*[=+\-@]|^[\t\r]/.test(value) ? `'${value}` : value;
  return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line (CRLF-terminated, as RFC 4180 and Excel expect). */
export function csvLine(values: readonly (string | number)[], delimiter: CsvDelimiter): string {
  return `${values.map((value) => cell(value, delimiter)).join(delimiter)}\r\n`;
}
