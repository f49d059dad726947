import { z } from 'zod';
import { ZId } from './common';

/** The kinds of file LoopDesk can recognise from their content, with the type it serves them as. */
export const ATTACHMENT_KINDS = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  tiff: 'image/tiff',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  zip: 'application/zip',
  txt: 'text/plain; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  m4a: 'audio/mp4',
  mp4: 'video/mp4',
} as const;

export type AttachmentKind = keyof typeof ATTACHMENT_KINDS;

/** The kinds accepted by default: documents, images, spreadsheets, recordings and text. */
export const DEFAULT_ATTACHMENT_KINDS: readonly AttachmentKind[] = ['pdf', 'png', 'jpeg', 'gif', 'webp', 'tiff', 'docx', 'xlsx', 'doc', 'xls', 'txt', 'csv', 'mp3', 'wav', 'm4a'];

/** A file on a case. The content is fetched apart, and each fetch is a personal-data read. */
export const ZAttachment = z.object({
  id: ZId,
  caseId: ZId,
  fileName: z.string(),
  /** The kind read from the content (pdf, jpeg, docx, wav …), not the one the name suggests. */
  kind: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  uploadedBy: z.object({ id: ZId, displayName: z.string() }).nullable(),
  createdAt: z.iso.datetime(),
});
export type TAttachment = z.infer<typeof ZAttachment>;

export const ZAttachmentUploadQuery = z.object({
  /** The file's name as the uploader had it; folders and control characters are dropped. */
  name: z.string().trim().min(1).max(255),
});

export const ZAttachmentParams = z.object({ id: ZId, attachmentId: ZId });

export const ZAttachmentList = z.object({
  items: z.array(ZAttachment),
  limits: z.object({ maxBytes: z.number().int(), kinds: z.array(z.string()) }),
});
export type TAttachmentList = z.infer<typeof ZAttachmentList>;
