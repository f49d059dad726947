import { describe, expect, it } from 'vitest';
import { cleanFileName, sniff } from './sniff';

const bytes = (...parts: (number[] | string)[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

/** A zip with stored (uncompressed) entries, as office files are laid out. */
function zip(names: string[]): Buffer {
  const parts: Buffer[] = [];
  for (const name of names) {
    const data = Buffer.from('x');
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt32LE(data.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(Buffer.byteLength(name), 26);
    parts.push(header, Buffer.from(name), data);
  }
  return Buffer.concat(parts);
}

describe('sniff', () => {
  it.each([
    ['a PDF', bytes('%PDF-1.7\n'), 'x.bin', 'pdf'],
    ['a PNG named .pdf', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'scan.pdf', 'png'],
    ['a JPEG', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), '身份证.jpg', 'jpeg'],
    ['a GIF', bytes('GIF89a....'), 'a.gif', 'gif'],
    ['a TIFF fax', bytes([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]), 'fax.tif', 'tiff'],
    ['a WebP', bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '), 'a.webp', 'webp'],
    ['a WAV call recording', bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt '), '录音.wav', 'wav'],
    ['an MP3 with ID3', bytes('ID3', [3, 0, 0]), 'call.mp3', 'mp3'],
    ['an MP3 frame', bytes([0xff, 0xfb, 0x90, 0x64]), 'call.mp3', 'mp3'],
    ['an M4A', bytes([0, 0, 0, 0x20], 'ftypM4A ', [0, 0, 0, 0]), 'call.m4a', 'm4a'],
    ['a Word file', zip(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']), '申诉书.docx', 'docx'],
    ['an Excel file', zip(['[Content_Types].xml', 'xl/workbook.xml']), '流水.xlsx', 'xlsx'],
    ['a plain zip', zip(['a.txt']), 'a.zip', 'zip'],
    ['an old Word file', bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), '合同.DOC', 'doc'],
    ['Chinese text', bytes('\uFEFF客户来信：贷款审批拖延了三个月。\r\n'), 'letter.txt', 'txt'],
    ['CSV', bytes('日期,金额\n2026-01-05,1000\n'), 'flow.csv', 'csv'],
  ])('knows %s', (_label, content, name, kind) => {
    expect(sniff(content, name)).toEqual({ kind });
  });

  it.each([
    ['HTML named .pdf', bytes('  <!DOCTYPE html><html><script>alert(1)</script>'), 'invoice.pdf', 'html'],
    ['HTML with a script lower down', bytes('hello\n<script src=x></script>'), 'a.txt', 'html'],
    ['SVG', bytes('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'logo.png', 'svg'],
    ['XML', bytes('<?xml version="1.0"?><a/>'), 'a.xml', 'xml'],
    ['a Windows program', bytes('MZ', [0x90, 0]), 'scan.jpg', 'executable'],
    ['an ELF program', bytes([0x7f, 0x45, 0x4c, 0x46, 2, 1]), 'x', 'executable'],
    ['a shell script', bytes('#!/bin/sh\nrm -rf /\n'), 'notes.txt', 'script'],
  ])('recognises %s as dangerous', (_label, content, name, dangerous) => {
    expect(sniff(content, name)).toEqual({ dangerous });
  });

  it('does not guess at binary data it does not know, or an old Office file with another name', () => {
    expect(sniff(bytes([0, 1, 2, 3, 4, 5]), 'a.dat')).toEqual({ unknown: true });
    expect(sniff(bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'a.msi')).toEqual({ unknown: true });
    expect(sniff(Buffer.from([0xc3, 0x28]), 'bad.txt')).toEqual({ unknown: true });
  });

  it('reads long text whose 64 KiB cut falls inside a character', () => {
    const long = Buffer.from('投'.repeat(30000)); // 3 bytes a character, 90,000 bytes
    expect(sniff(long, 'long.txt')).toEqual({ kind: 'txt' });
  });
});

describe('cleanFileName', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\张三\\身份证.jpg', '身份证.jpg'],
    ['a"b<c>.pdf', 'a_b_c_.pdf'],
    ['.hidden', 'hidden'],
    ['', 'attachment'],
    ['line\nbreak.txt', 'line_break.txt'],
  ])('%j → %j', (given, expected) => {
    expect(cleanFileName(given)).toBe(expected);
  });

  it('keeps the end (and so the extension) of a very long name', () => {
    const name = `${'长'.repeat(300)}.pdf`;
    expect(cleanFileName(name)).toHaveLength(200);
    expect(cleanFileName(name).endsWith('.pdf')).toBe(true);
  });
});
