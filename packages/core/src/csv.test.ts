import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv';

describe('CSV for exports', () => {
  it.each([
    ['plain', 'plain'],
    ['年费被重复扣收', '年费被重复扣收'],
    ['a,b', '"a,b"'],
    ['he said "no"', '"he said ""no"""'],
    ['line one\nline two', '"line one\nline two"'],
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+86 138', "'+86 138"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['', ''],
    [null, ''],
    [undefined, ''],
    [42, '42'],
    [-3, '-3'],
    [true, 'true'],
  ] as const)('cell %j → %s', (value, written) => {
    expect(csvCell(value)).toBe(written);
  });

  it('writes a header and rows, each line ended by CRLF', () => {
    expect(toCsv(['number', 'text'], [['C-1', 'a, b'], ['C-2', null]])).toBe('number,text\r\nC-1,"a, b"\r\nC-2,\r\n');
    expect(toCsv(['only'], [])).toBe('only\r\n');
  });
});
