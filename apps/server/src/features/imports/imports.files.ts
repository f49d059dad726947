import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from '@loopdesk/core';
import type ExcelJS from 'exceljs';
import { AppError } from '../../platform/errors';

/**
 * Reading an uploaded spreadsheet into rows of text cells: base64, CSV (RFC 4180) in UTF-8,
 * UTF-16 or GB18030, and the first worksheet of an XLSX workbook. No I/O, no database.
 */

export type TextEncoding = 'utf-8' | 'utf-16' | 'gb18030';

export interface TableRow {
  /** The row number a spreadsheet shows (1-based; blank rows count, as in Excel). */
  row: number;
  cells: string[];
}

export interface Table {
  headers: string[];
  headerRow: number;
  /** Data rows under the header, blank ones left out. */
  rows: TableRow[];
  encoding: TextEncoding | null;
}

// An XLSX is a zip: a few megabytes can inflate a thousandfold. Refuse before exceljs inflates it.
const MAX_XLSX_INFLATED_BYTES = 200 * 1024 * 1024;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

const unreadable = (message: string) => new AppError('unprocessable', message, [{ field: 'contentBase64', message }]);
const megabytes = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** The file's bytes, refusing what is not base64 or is larger than an import may be. */
export function decodeContent(contentBase64: string): Buffer {
  const b64 = contentBase64.replace(/\s+/g, '');
  if (b64.length % 4 !== 0 || !BASE64.test(b64)) {
    throw new AppError('validation_failed', 'contentBase64 is not base64', [{ field: 'contentBase64', message: 'not base64' }]);
  }
  const size = (b64.length / 4) * 3 - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0);
  if (size > IMPORT_MAX_BYTES) throw tooLarge(size);
  return Buffer.from(b64, 'base64');
}

/** The 413 for a file over the limit; `size` when known. */
export function tooLarge(size?: number): AppError {
  const limit = megabytes(IMPORT_MAX_BYTES);
  const message = size === undefined ? `the file is larger than ${limit}, the most one import takes: split it into several files` : `the file is ${megabytes(size)}; one import takes at most ${limit}: split it into several files`;
  return new AppError('payload_too_large', message, [{ field: 'contentBase64', message }]);
}

/** A CSV file's header and rows. */
export function readCsv(bytes: Uint8Array): Table {
  refuseOtherFormats(bytes, 'csv');
  const { text, encoding } = decodeText(bytes);
  return { ...toTable(parseCsv(text).map((cells, i) => ({ row: i + 1, cells }))), encoding };
}

/** The first worksheet of an XLSX workbook. */
export async function readXlsx(bytes: Uint8Array): Promise<Table> {
  refuseOtherFormats(bytes, 'xlsx');
  const inflated = zipInflatedSize(bytes);
  if (inflated === undefined) throw unreadable('the file is not a readable XLSX workbook');
  if (inflated > MAX_XLSX_INFLATED_BYTES) throw unreadable(`the workbook unpacks to more than ${megabytes(MAX_XLSX_INFLATED_BYTES)}; save its first sheet as CSV or split it`);
  // Loaded on first use: exceljs costs half a second at start-up, and most starts import nothing.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch {
    throw unreadable('the file is not a readable XLSX workbook');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw unreadable('the workbook has no worksheet');
  // A rough early refusal (title and header rows count here); toTable counts data rows exactly.
  if (sheet.actualRowCount > IMPORT_MAX_ROWS + 50) throw tooManyRows(sheet.actualRowCount);
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (r, n) => {
    const values = r.values as ExcelJS.CellValue[];
    const cells: string[] = [];
    for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
    rows.push({ row: n, cells });
  });
  return { ...toTable(rows), encoding: null };
}

/**
 * Finds the header — the first row with two or more filled cells, so a title row above it
 * ("2026年11月投诉登记表") is skipped; a one-column file uses its first filled row — and keeps
 * the rows under it that have anything in them.
 */
export function toTable(records: TableRow[]): Omit<Table, 'encoding'> {
  const filled = (r: TableRow) => r.cells.filter((c) => c.trim() !== '').length;
  const header = records.find((r) => filled(r) >= 2) ?? records.find((r) => filled(r) >= 1);
  if (!header) throw unreadable('the file is empty');
  const headers = header.cells.map((c) => c.trim().replace(/\s+/g, ' '));
  while (headers.length > 0 && headers.at(-1) === '') headers.pop();
  const rows = records.filter((r) => r.row > header.row && filled(r) > 0);
  if (rows.length > IMPORT_MAX_ROWS) throw tooManyRows(rows.length);
  return { headers, headerRow: header.row, rows };
}

function tooManyRows(n: number): AppError {
  const message = `the file has ${n} rows; one import takes at most ${IMPORT_MAX_ROWS} (all are written in one transaction): split it`;
  return new AppError('payload_too_large', message, [{ field: 'contentBase64', message }]);
}

/**
 * RFC 4180 records: fields split by the delimiter, records by CRLF, LF or CR; a quoted field
 * may hold delimiters, line breaks and doubled quotes. Lenient where Excel is (spaces around
 * a quoted field, a quote inside an unquoted one); strict where guessing would shift columns.
 */
export function parseCsv(text: string, delimiter = detectDelimiter(text)): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  let line = 1;
  let quoteLine = 1;
  const endField = () => {
    record.push(wasQuoted ? field : field.trim() === '' ? '' : field);
    field = '';
    wasQuoted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
          continue;
        }
        quoted = false;
        // Only blanks may stand between a closing quote and the next delimiter or line end.
        let j = i + 1;
        while (text[j] === ' ' || text[j] === '\t') j++;
        const next = text[j];
        if (next !== undefined && next !== delimiter && next !== '\n' && next !== '\r') {
          throw unreadable(`CSV line ${line}: text after a closing quote; inside a quoted field write a quote as ""`);
        }
        i = j - 1;
        continue;
      }
      if (c === '\r' && text[i + 1] === '\n') continue; // a CRLF inside a field is kept as LF
      if (c === '\n' || c === '\r') line++;
      field += c === '\r' ? '\n' : c;
      continue;
    }
    if (c === '"' && !wasQuoted && field.trim() === '') {
      quoted = true;
      wasQuoted = true;
      quoteLine = line;
      field = '';
      continue;
    }
    if (c === delimiter) {
      endField();
      continue;
    }
    if (c === '\n' || c === '\r') {
      endField();
      records.push(record);
      record = [];
      if (c === '\r' && text[i + 1] === '\n') i++;
      line++;
      continue;
    }
    field += c;
  }
  if (quoted) throw unreadable(`CSV line ${quoteLine}: a quoted field opened here is never closed`);
  if (field !== '' || wasQuoted || record.length > 0) {
    endField();
    records.push(record);
  }
  return records;
}

/** Comma, unless the first line is split by semicolons or tabs (some locales, Excel's "Unicode text"). */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([[',', 0], [';', 0], ['\t', 0]]);
  let quoted = false;
  for (const c of text.slice(0, 64 * 1024)) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}

/**
 * Text from bytes: a BOM decides (UTF-8, UTF-16); else UTF-8 if the bytes are valid UTF-8,
 * else GB18030 (Excel's "CSV" on a Chinese Windows writes GBK, which GB18030 contains).
 * Anything else is refused with what to do, never guessed into mojibake silently.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  const decode = (label: string, from = 0) => new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(from));
  let decoded: { text: string; encoding: TextEncoding } | undefined;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) decoded = attempt(() => ({ text: decode('utf-8', 3), encoding: 'utf-8' }));
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) decoded = attempt(() => ({ text: decode('utf-16le', 2), encoding: 'utf-16' }));
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) decoded = attempt(() => ({ text: decode('utf-16be', 2), encoding: 'utf-16' }));
  else decoded = attempt(() => ({ text: decode('utf-8'), encoding: 'utf-8' })) ?? attempt(() => ({ text: decode('gb18030'), encoding: 'gb18030' }));
  // NUL and other C0 controls do not occur in text: this is a binary file, or another encoding.
  if (!decoded || hasControlCharacters(decoded.text)) {
    throw unreadable('the file is not text in UTF-8 or GB18030; in Excel choose "CSV UTF-8 (逗号分隔)" when saving, or upload the .xlsx');
  }
  return decoded;
}

/** C0 controls other than tab, line feed, vertical tab, form feed and carriage return. */
function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && (c < 0x09 || c > 0x0d)) return true;
  }
  return false;
}

function attempt<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

/** Names the format a file really is when it is sent as the other one. */
function refuseOtherFormats(bytes: Uint8Array, format: 'csv' | 'xlsx'): void {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  const zip = starts(0x50, 0x4b, 0x03, 0x04);
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) throw unreadable('this is an Excel 97–2003 (.xls) workbook: save it as .xlsx or CSV UTF-8');
  if (format === 'csv' && zip) throw unreadable('this is an XLSX workbook, not CSV: send it with format "xlsx"');
  if (format === 'xlsx' && !zip) throw unreadable('this is not an XLSX workbook (a CSV file? send it with format "csv")');
}

/**
 * The sum of the uncompressed sizes the zip's central directory declares, or undefined if it
 * has none. Zip64 sizes (0xFFFFFFFF) count as huge.
 */
export function zipInflatedSize(bytes: Uint8Array): number | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return undefined;
  const entries = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return undefined;
    const size = view.getUint32(at + 24, true);
    total += size === 0xffffffff ? Number.MAX_SAFE_INTEGER / 2 : size;
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return total;
}

/**
 * A cell as text. Dates become the wall-clock reading Excel shows ("2026-11-12 08:30:00"),
 * which the mapping reads in the institution's time zone: Excel dates carry no zone, and
 * exceljs hands them over as if the reading were UTC.
 */
export function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    const iso = value.toISOString();
    const time = iso.slice(11, 19);
    return time === '00:00:00' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${time}`;
  }
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('hyperlink' in value) return cellText(value.text as ExcelJS.CellValue);
  if ('error' in value) return String(value.error);
  return '';
}
