/**
 * Splits CSV text into its header line and record lines, respecting quotes (a quoted field may
 * hold commas, quotes and line breaks), so a large file can be sent in slices that each parse
 * on their own. Used by the staff console and the import command alike.
 */
export function splitCsvRecords(text: string): { header: string; records: { text: string; line: number }[] } {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: { text: string; line: number }[] = [];
  let start = 0;
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  const push = (end: number) => {
    const record = source.slice(start, end);
    if (record.trim() !== '') records.push({ text: record, line: recordLine });
  };
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (char === '"') quoted = !quoted;
    else if (char === '\n') {
      line++;
      if (!quoted) {
        push(source[i - 1] === '\r' ? i - 1 : i);
        start = i + 1;
        recordLine = line;
      }
    }
  }
  push(source.length);
  const [header, ...rest] = records;
  return { header: header?.text ?? '', records: rest };
}

/** Slices of at most `size` records, each with the header, and the file line of its first record. */
export function csvSlices(text: string, size: number): { csv: string; firstLine: number; rows: number }[] {
  const { header, records } = splitCsvRecords(text);
  const slices: { csv: string; firstLine: number; rows: number }[] = [];
  for (let i = 0; i < records.length; i += size) {
    const part = records.slice(i, i + size);
    slices.push({ csv: [header, ...part.map((r) => r.text)].join('\n') + '\n', firstLine: part[0]!.line, rows: part.length });
  }
  return slices;
}
