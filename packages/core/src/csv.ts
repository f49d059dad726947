// Writing CSV for exports (RFC 4180): a cell with a comma, a quote or a line break is quoted and
// its quotes doubled; lines end in CRLF. A cell that a spreadsheet would read as a formula (it
// starts with =, +, -, @, a tab or a carriage return) gets a leading apostrophe, so a customer's
// words cannot run as a formula on the desk that opens the export (CSV injection).

export type CsvCell = string | number | boolean | null | undefined;

/** The UTF-8 byte order mark: Excel reads a CSV file as UTF-8 (Chinese intact) only with it. */
export const CSV_BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell as written: empty for null, formula starts neutralised, quoted when needed. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A header and rows as CSV text, each line ended by CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');
}
