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

/**
 * The most the import's check may send in one request, counted as `importCheckEventBytes` counts.
 * The check reads the whole file at once, and Lambda takes a synchronous event of at most
 * 6,291,456 bytes (`lambdaSyncLimits` in local/server.ts, which refuses the same); this leaves
 * room for the event's headers and request context. Bigger files are imported in parts.
 */
export const importCheckMaxEventBytes = 6_000_000;

/**
 * What a CSV file weighs inside the Lambda event of the check: its UTF-8 bytes, plus what escaping
 * adds twice over (the body `{"csv": …}` is JSON, and API Gateway puts that body in the event as a
 * JSON string): a quote or backslash becomes 4 bytes, a line break or tab 3, another control
 * character 7 (`\\u00XX`).
 */
export function importCheckEventBytes(csv: string): number {
  let bytes = 0;
  for (let index = 0; index < csv.length; index += 1) {
    const code = csv.charCodeAt(index);
    if (code === 34 || code === 92) bytes += 4;
    else if (code === 10 || code === 13 || code === 9 || code === 8 || code === 12) bytes += 3;
    else if (code < 32) bytes += 7;
    else if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    // A surrogate pair is 4 bytes in UTF-8: 2 for each half.
    else if (code >= 0xd800 && code <= 0xdfff) bytes += 2;
    else bytes += 3;
  }
  // `{"csv":"…"}` around it, its own quotes escaped in the event.
  return bytes + 14;
}
