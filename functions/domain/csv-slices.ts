// Shared by the server (import line numbers), the import command and the staff console.
/** One CSV record with its line terminator kept, and the file line it starts on (header = 1). */
export interface CsvRecord {
  readonly text: string;
  readonly line: number;
}

/**
 * Splits CSV text into records without parsing fields: a line break inside a quoted field ("…")
 * belongs to the field, so a record may span several file lines. Each record keeps its own
 * CRLF or LF, so slices put back together are byte-for-byte the file. A doubled quote ("") flips
 * the state twice, which is exactly right. Blank lines carry no row and are left out.
 */
export function splitCsvRecords(text: string): { header: string; rows: CsvRecord[] } {
  const records: CsvRecord[] = [];
  let start = 0;
  let line = 1;
  let startLine = 1;
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 34 /* " */) quoted = !quoted;
    else if (code === 10 /* \n */) {
      line += 1;
      if (!quoted) {
        records.push({ text: text.slice(start, index + 1), line: startLine });
        start = index + 1;
        startLine = line;
      }
    }
  }
  if (start < text.length) records.push({ text: text.slice(start), line: startLine });
  const [header, ...rows] = records;
  return { header: header?.text ?? '', rows: rows.filter((row) => row.text.trim() !== '') };
}

/** Slices of at most `size` rows, each a CSV of its own: the header line, then its rows. */
export function csvSlices(file: { header: string; rows: readonly CsvRecord[] }, size: number): { csv: string; firstLine: number; rows: number }[] {
  const slices: { csv: string; firstLine: number; rows: number }[] = [];
  const header = /\r?\n$/.test(file.header) ? file.header : `${file.header}\n`;
  for (let from = 0; from < file.rows.length; from += size) {
    const rows = file.rows.slice(from, from + size);
    slices.push({ csv: header + rows.map((row) => row.text).join(''), firstLine: rows[0]?.line ?? 2, rows: rows.length });
  }
  return slices;
}

/** Cuts CSV text into slices of at most `size` rows (the import command and the console). */
export function sliceCsv(text: string, size: number): { csv: string; firstLine: number; rows: number }[] {
  return csvSlices(splitCsvRecords(text), size);
}
