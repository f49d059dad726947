import type { AttachmentKind } from '@loopdesk/core';

/** Kinds never accepted, whatever the configuration: a browser or a desktop would run them. */
export type DangerousKind = 'html' | 'svg' | 'xml' | 'executable' | 'script';

export type Sniffed = { kind: AttachmentKind } | { dangerous: DangerousKind } | { unknown: true };

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => sig.every((v, i) => b[at + i] === v);
const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, Math.min(to, b.length)));
const extensionOf = (name: string) => /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';

/**
 * What a file really is, read from its first bytes rather than from its name or the type the
 * sender claimed. Only the kinds a complaint file needs are known (documents, scans, photos,
 * call recordings, spreadsheets, plain text); markup, scripts and programs are recognised in
 * order to be refused by name.
 * The name only tells apart kinds that share a format (the old Office container).
 */
export function sniff(bytes: Uint8Array, fileName: string): Sniffed {
  const ext = extensionOf(fileName);
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { kind: 'pdf' };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: 'png' };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { kind: 'jpeg' };
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return { kind: 'gif' };
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return { kind: 'tiff' };
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return { kind: 'webp' };
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WAVE') return { kind: 'wav' };
  if (ascii(bytes, 4, 8) === 'ftyp') return { kind: /^M4A |^M4B /.test(ascii(bytes, 8, 12)) || ext === 'm4a' ? 'm4a' : 'mp4' };
  if (ascii(bytes, 0, 3) === 'ID3' || (bytes[0] === 0xff && bytes.length > 1 && (bytes[1]! & 0xe0) === 0xe0)) return { kind: 'mp3' };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return officeZip(bytes);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    // The old Office container holds Word, Excel and others alike; the name says which.
    if (ext === 'doc' || ext === 'xls') return { kind: ext };
    return { unknown: true };
  }
  if (startsWith(bytes, [0x4d, 0x5a]) || startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46]) || startsWith(bytes, [0xcf, 0xfa, 0xed, 0xfe]) || startsWith(bytes, [0xca, 0xfe, 0xba, 0xbe])) {
    return { dangerous: 'executable' };
  }
  return text(bytes, ext);
}

/** Word, Excel and PowerPoint files are zip archives whose entries name the application. */
function officeZip(bytes: Uint8Array): Sniffed {
  const names = zipEntryNames(bytes);
  if (names.some((n) => n.startsWith('word/'))) return { kind: 'docx' };
  if (names.some((n) => n.startsWith('xl/'))) return { kind: 'xlsx' };
  if (names.some((n) => n.startsWith('ppt/'))) return { kind: 'pptx' };
  return { kind: 'zip' };
}

/** The entry names of a zip's local file headers, walked from the start. */
function zipEntryNames(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const names: string[] = [];
  let at = 0;
  while (at + 30 <= bytes.length && view.getUint32(at, true) === 0x04034b50 && names.length < 200) {
    const flags = view.getUint16(at + 6, true);
    const compressed = view.getUint32(at + 18, true);
    const nameLength = view.getUint16(at + 26, true);
    const extraLength = view.getUint16(at + 28, true);
    names.push(new TextDecoder().decode(bytes.subarray(at + 30, at + 30 + nameLength)));
    // With a data descriptor (flag bit 3) the size is not in the header; the names seen so far must do.
    if (flags & 0x08) break;
    at += 30 + nameLength + extraLength + compressed;
  }
  return names;
}

const MARKUP = /^\s*(<!doctype html|<html|<head|<body|<script|<iframe|<object|<embed|<svg|<\?xml|<meta|<link|<a\s)/i;

/** UTF-8 text without control bytes is text; markup inside is refused, as browsers would run it. */
function text(bytes: Uint8Array, ext: string): Sniffed {
  const limit = 64 * 1024;
  // Read a window; a cut through a character at its end moves back to the character's start.
  let end = Math.min(bytes.length, limit);
  while (end < bytes.length && end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  let decoded: string;
  try {
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end)).replace(/^\uFEFF/, '');
  } catch {
    return { unknown: true };
  }
  // eslint-disable-next-line no-control-regex -- control bytes are exactly what marks binary data
  if (/[\u0000-\u0008\u000e-\u001f]/.test(decoded)) return { unknown: true };
  const head = decoded.slice(0, 1024);
  if (/^\s*<svg|<svg[\s>]/i.test(head)) return { dangerous: 'svg' };
  if (MARKUP.test(head) || /<script[\s>]/i.test(head)) return { dangerous: /^\s*<\?xml/i.test(head) ? 'xml' : 'html' };
  if (/^#!/.test(head)) return { dangerous: 'script' };
  return { kind: ext === 'csv' ? 'csv' : 'txt' };
}


/** A file name safe to store and to offer back: no folders, no control characters, bounded. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  const cleaned = base.replace(/[\u0000-\u001f\u007f"<>|*?:]/g, '_').trim().replace(/^\.+/, '');
  return (cleaned || 'attachment').slice(-200);
}
