import { createHash, randomUUID } from 'node:crypto';
import { ATTACHMENT_KINDS, FINAL_STATUSES, type AttachmentKind, type TAttachment, type TAttachmentList } from '@loopdesk/core';
import { AppError } from '../../platform/errors';
import { requireActor, type RequestContext } from '../../platform/context';
import type { Deps } from '../../platform/deps';
import type { AuditService } from '../audit/audit.service';
import type { CasesService } from '../cases/cases.service';
import { attachmentsRepo, type ListedAttachment } from './attachments.repo';
import { cleanFileName, sniff } from './sniff';

export interface AttachmentFile {
  fileName: string;
  mediaType: string;
  content: Buffer;
}

/** A refused file: the field is `file`, with a code the console translates. */
const fileError = (problem: 'not_a_file' | 'empty_file' | 'file_too_large' | 'dangerous_type' | 'unknown_type' | 'type_not_accepted', message: string) =>
  new AppError(problem === 'file_too_large' ? 'payload_too_large' : 'unprocessable', message, [{ field: 'file', message, code: problem }]);

/**
 * Files on a case. The type is read from the content and checked against the configured kinds;
 * the content is sealed at rest and bound to its row; the same file twice on a case is stored
 * once (a retried upload returns the first). Reading the content is a personal-data read.
 */
export class AttachmentsService {
  constructor(
    private readonly deps: Deps,
    private readonly cases: CasesService,
    private readonly audit: AuditService,
  ) {}

  get maxBytes(): number {
    return this.deps.config.LOOPDESK_ATTACHMENT_MAX_MB * 1024 * 1024;
  }

  /** What an upload may be, for the console to say before the user tries. */
  get limits(): TAttachmentList['limits'] {
    return { maxBytes: this.maxBytes, kinds: this.deps.config.LOOPDESK_ATTACHMENT_KINDS };
  }

  async list(ctx: RequestContext, caseId: string): Promise<TAttachment[]> {
    await this.cases.visible(requireActor(ctx), caseId);
    return (await attachmentsRepo.list(this.deps.db, caseId)).map(toAttachment);
  }

  /** Stores a file on the case; `created` is false when the case already held the same content. */
  async upload(ctx: RequestContext, caseId: string, name: string, content: unknown): Promise<{ attachment: TAttachment; created: boolean }> {
    const actor = requireActor(ctx);
    const { row } = await this.cases.visible(actor, caseId);
    if (FINAL_STATUSES.includes(row.status as never) && row.status !== 'closed') throw new AppError('conflict', `the case is ${row.status}`);
    if (!Buffer.isBuffer(content)) throw fileError('not_a_file', 'send the file itself as the body, with Content-Type: application/octet-stream');
    if (content.length === 0) throw fileError('empty_file', 'the file is empty');
    if (content.length > this.maxBytes) throw fileError('file_too_large', `the file is larger than ${this.deps.config.LOOPDESK_ATTACHMENT_MAX_MB} MB`);
    const fileName = cleanFileName(name);
    const kind = this.acceptedKind(content, fileName);
    const sha256 = createHash('sha256').update(content).digest('hex');
    const id = randomUUID();
    const created = await this.audit.transaction(async (tx) => {
      const isNew = await attachmentsRepo.insert(tx, {
        id,
        institutionId: row.institutionId,
        caseId,
        fileName,
        kind,
        sizeBytes: content.length,
        sha256,
        contentSealed: this.deps.cipher.sealBytes(content, `case_attachments.content:${id}`),
        uploadedBy: actor.userId,
        createdAt: this.deps.now(),
      });
      if (!isNew) return false;
      await this.cases.event(tx, ctx, row, 'attachment.added', { data: { attachmentId: id, fileName, kind, sizeBytes: content.length, sha256 } });
      await this.audit.record(tx, ctx, row.institutionId, {
        action: 'case.attachment_add',
        objectType: 'case',
        objectId: caseId,
        scopePath: row.orgPath,
        after: { attachmentId: id, fileName, kind, sizeBytes: content.length, sha256 },
      });
      return true;
    });
    const stored = await attachmentsRepo.one(this.deps.db, caseId, { sha256 });
    if (!stored) throw new AppError('internal', 'an attachment vanished after it was stored');
    return { attachment: toAttachment(stored), created };
  }

  /** The file's content, for a role that may see personal data; each read is audited. */
  async download(ctx: RequestContext, caseId: string, attachmentId: string): Promise<AttachmentFile> {
    const actor = requireActor(ctx);
    const { row } = await this.cases.visible(actor, caseId);
    const listed = await attachmentsRepo.one(this.deps.db, caseId, { id: attachmentId });
    const sealed = listed && (await attachmentsRepo.content(this.deps.db, caseId, attachmentId));
    if (!listed || !sealed) throw new AppError('not_found', 'no such attachment');
    const content = this.deps.cipher.openBytes(sealed, `case_attachments.content:${attachmentId}`);
    await this.audit.transaction((tx) =>
      this.audit.record(tx, ctx, row.institutionId, {
        action: 'case.attachment_read',
        objectType: 'case',
        objectId: caseId,
        scopePath: row.orgPath,
        after: { attachmentId, fileName: listed.fileName, sha256: listed.sha256 },
      }),
    );
    return { fileName: listed.fileName, mediaType: ATTACHMENT_KINDS[listed.kind as AttachmentKind] ?? 'application/octet-stream', content };
  }

  private acceptedKind(content: Buffer, fileName: string): AttachmentKind {
    const found = sniff(content, fileName);
    if ('dangerous' in found) throw fileError('dangerous_type', `the file is ${found.dangerous}, which is never accepted`);
    if ('unknown' in found) throw fileError('unknown_type', 'the type of the file could not be recognised from its content');
    if (!this.deps.config.LOOPDESK_ATTACHMENT_KINDS.includes(found.kind)) {
      throw fileError('type_not_accepted', `${found.kind} files are not accepted here (accepted: ${this.deps.config.LOOPDESK_ATTACHMENT_KINDS.join(', ')})`);
    }
    return found.kind;
  }
}

function toAttachment(a: ListedAttachment): TAttachment {
  return {
    id: a.id,
    caseId: a.caseId,
    fileName: a.fileName,
    kind: a.kind,
    mediaType: ATTACHMENT_KINDS[a.kind as AttachmentKind] ?? 'application/octet-stream',
    sizeBytes: a.sizeBytes,
    sha256: a.sha256,
    uploadedBy: a.uploadedBy ? { id: a.uploadedBy, displayName: a.uploaderName ?? '' } : null,
    createdAt: a.createdAt.toISOString(),
  };
}
