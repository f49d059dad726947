import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from '@loopdesk/core';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors';
import { cellText, decodeContent, decodeText, detectDelimiter, parseCsv, readCsv, readXlsx, toTable, zipInflatedSize } from './imports.files';

const utf8 = (s: string) => new TextEncoder().encode(s);

/** The AppError a call throws (sync or async), for its code and message. */
async function refusal(f: () => unknown): Promise<AppError> {
  try {
    await f();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('parseCsv (RFC 4180)', () => {
  it.each([
    ['plain', 'a,b\n1,2\n', [['a', 'b'], ['1', '2']]],
    ['CRLF line ends', 'a,b\r\n1,2\r\n', [['a', 'b'], ['1', '2']]],
    ['lone CR line ends', 'a,b\r1,2', [['a', 'b'], ['1', '2']]],
    ['no final line end', 'a,b\n1,2', [['a', 'b'], ['1', '2']]],
    ['quoted delimiter', 'a,b\n"x,y",2\n', [['a', 'b'], ['x,y', '2']]],
    ['doubled quotes', 'a\n"他说""不行"""\n', [['a'], ['他说"不行"']]],
    ['embedded newline (CRLF kept as LF)', 'a,b\n"第一行\r\n第二行",2\n', [['a', 'b'], ['第一行\n第二行', '2']]],
    ['empty quoted field', 'a,b\n"",2\n', [['a', 'b'], ['', '2']]],
    ['empty lines stay as records', 'a\n\n1\n', [['a'], [''], ['1']]],
    ['trailing empty column', 'a,b,\n1,2,\n', [['a', 'b', ''], ['1', '2', '']]],
    ['blanks around a quoted field', 'a,b\n  "x" ,2\n', [['a', 'b'], ['x', '2']]],
    ['a quote inside an unquoted field is text', 'a\n5"屏\n', [['a'], ['5"屏']]],
    ['a final quoted empty field', 'a,b\n1,""', [['a', 'b'], ['1', '']]],
  ])('%s', (_name, text, records) => {
    expect(parseCsv(text)).toEqual(records);
  });

  it('refuses an unclosed quote, naming the line it opened on', async () => {
    const e = await refusal(() => parseCsv('a,b\n1,2\n"没有闭合,3\n4,5\n'));
    expect(e.code).toBe('unprocessable');
    expect(e.message).toMatch(/line 3: a quoted field opened here is never closed/);
  });

  it('refuses text after a closing quote (a column would shift)', async () => {
    expect((await refusal(() => parseCsv('a,b\n"x"y,2\n'))).message).toMatch(/line 2: text after a closing quote/);
  });

  it('detects semicolon and tab delimiters from the header line', () => {
    expect(detectDelimiter('内容;渠道\n一,二')).toBe(';');
    expect(detectDelimiter('内容\t渠道\n一,二,三')).toBe('\t');
    expect(detectDelimiter('"a;b;c",d\n')).toBe(',');
    expect(parseCsv('内容\t渠道\n你好，世界\t热线\n')).toEqual([['内容', '渠道'], ['你好，世界', '热线']]);
  });
});

describe('decodeText', () => {
  it('strips a UTF-8 BOM', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('内容')]))).toEqual({ text: '内容', encoding: 'utf-8' });
  });

  it('reads UTF-16 with a BOM (Excel "Unicode text")', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('内容\t渠道', 'utf16le')]);
    expect(decodeText(le)).toEqual({ text: '内容\t渠道', encoding: 'utf-16' });
  });

  it('reads GB18030 (Excel "CSV" on Chinese Windows) when the bytes are not UTF-8', () => {
    // "投诉内容" in GBK.
    const gbk = new Uint8Array([0xcd, 0xb6, 0xcb, 0xdf, 0xc4, 0xda, 0xc8, 0xdd]);
    expect(decodeText(gbk)).toEqual({ text: '投诉内容', encoding: 'gb18030' });
  });

  it('refuses binary content, saying how to save the file', async () => {
    const e = await refusal(() => decodeText(new Uint8Array([0x00, 0x01, 0x02, 0x41])));
    expect(e.message).toMatch(/not text in UTF-8 or GB18030.*CSV UTF-8/);
  });
});

describe('readCsv and toTable', () => {
  it('takes the first row with two filled cells as the header, skipping a title row and blank rows', () => {
    const t = readCsv(utf8('\uFEFF2026年11月投诉登记表,,\n内容,渠道,\n\n  你好  ,热线,\n,,\n再见,信函,\n'));
    expect(t).toEqual({
      headers: ['内容', '渠道'],
      headerRow: 2,
      rows: [
        { row: 4, cells: ['  你好  ', '热线', ''] },
        { row: 6, cells: ['再见', '信函', ''] },
      ],
      encoding: 'utf-8',
    });
  });

  it('numbers rows as a spreadsheet shows them, a multi-line cell being one row', () => {
    const t = readCsv(utf8('内容,渠道\n"一\n二\n三",热线\n第二条,信函\n'));
    expect(t.rows.map((r) => r.row)).toEqual([2, 3]);
  });

  it('refuses an empty file, an XLSX sent as CSV and an old .xls', async () => {
    expect((await refusal(() => readCsv(utf8('\n\n')))).message).toBe('the file is empty');
    expect((await refusal(() => readCsv(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0])))).message).toMatch(/XLSX workbook, not CSV/);
    expect((await refusal(() => readCsv(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0])))).message).toMatch(/97–2003/);
  });

  it('refuses more rows than one import takes, with 413', async () => {
    const rows = Array.from({ length: IMPORT_MAX_ROWS + 1 }, (_, i) => ({ row: i + 2, cells: ['x', 'y'] }));
    const e = await refusal(() => toTable([{ row: 1, cells: ['内容', '渠道'] }, ...rows]));
    expect([e.code, e.status]).toEqual(['payload_too_large', 413]);
  });
});

describe('decodeContent', () => {
  it('decodes base64 and refuses what is not', async () => {
    expect(decodeContent(Buffer.from('内容').toString('base64')).toString()).toBe('内容');
    expect((await refusal(() => decodeContent('not base64!'))).code).toBe('validation_failed');
  });

  it('refuses a file over the limit before decoding it, saying its size and the limit', async () => {
    const e = await refusal(() => decodeContent('A'.repeat(Math.ceil((IMPORT_MAX_BYTES + 3) / 3) * 4)));
    expect(e.status).toBe(413);
    expect(e.message).toMatch(/^the file is 5\.0 MB; one import takes at most 5\.0 MB/);
  });
});

describe('readXlsx', () => {
  async function workbook(fill: (ws: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    fill(wb.addWorksheet('登记'));
    wb.addWorksheet('说明').addRow(['这张表不读']);
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  it('reads the first worksheet: header, typed cells as text, dates as Excel shows them', async () => {
    const bytes = await workbook((ws) => {
      ws.addRow(['内容', '收到时间', '涉及金额', '备注']);
      ws.addRow(['审批拖延', new Date(Date.UTC(2026, 10, 12, 8, 30)), 1200000, { richText: [{ text: '富' }, { text: '文本' }] }]);
      ws.addRow([]);
      ws.addRow(['第二条', new Date(Date.UTC(2026, 10, 13)), { formula: '1+1', result: 2 }, { text: '链接', hyperlink: 'https://example.com' }]);
    });
    const t = await readXlsx(bytes);
    expect(t).toEqual({
      headers: ['内容', '收到时间', '涉及金额', '备注'],
      headerRow: 1,
      rows: [
        { row: 2, cells: ['审批拖延', '2026-11-12 08:30:00', '1200000', '富文本'] },
        { row: 4, cells: ['第二条', '2026-11-13', '2', '链接'] },
      ],
      encoding: null,
    });
  });

  it('refuses CSV sent as XLSX and a broken zip', async () => {
    expect((await refusal(() => readXlsx(utf8('内容,渠道\n')))).message).toMatch(/not an XLSX workbook/);
    expect((await refusal(() => readXlsx(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])))).message).toMatch(/not a readable XLSX/);
  });

  it('reads the inflated size a zip declares (against zip bombs)', async () => {
    const bytes = await workbook((ws) => ws.addRow(['a'.repeat(10_000), 'b']));
    const size = zipInflatedSize(bytes)!;
    expect(size).toBeGreaterThan(10_000);
    expect(size).toBeGreaterThan(bytes.length);
  });

  it('turns each kind of cell into text', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(true)).toBe('TRUE');
    expect(cellText(13812345678)).toBe('13812345678');
    expect(cellText({ error: '#N/A' } as ExcelJS.CellErrorValue)).toBe('#N/A');
  });
});
