import { and, asc, eq } from 'drizzle-orm';
import { caseAttachments, users, type Db } from '@loopdesk/db';

export type AttachmentRow = typeof caseAttachments.$inferSelect;

/** What lists show: everything but the content. */
const listed = {
  id: caseAttachments.id,
  caseId: caseAttachments.caseId,
  fileName: caseAttachments.fileName,
  kind: caseAttachments.kind,
  sizeBytes: caseAttachments.sizeBytes,
  sha256: caseAttachments.sha256,
  uploadedBy: caseAttachments.uploadedBy,
  uploaderName: users.displayName,
  createdAt: caseAttachments.createdAt,
};

export type ListedAttachment = Omit<AttachmentRow, 'contentSealed' | 'institutionId'> & { uploaderName: string | null };

export const attachmentsRepo = {
  /** Stores the file unless the case already holds the same content; returns whether it was new. */
  async insert(tx: Db, row: AttachmentRow): Promise<boolean> {
    const inserted = await tx.insert(caseAttachments).values(row).onConflictDoNothing().returning({ id: caseAttachments.id });
    return inserted.length === 1;
  },

  list(db: Db, caseId: string): Promise<ListedAttachment[]> {
    return db
      .select(listed)
      .from(caseAttachments)
      .leftJoin(users, eq(users.id, caseAttachments.uploadedBy))
      .where(eq(caseAttachments.caseId, caseId))
      .orderBy(asc(caseAttachments.createdAt), asc(caseAttachments.id));
  },

  async one(db: Db, caseId: string, by: { id: string } | { sha256: string }): Promise<ListedAttachment | undefined> {
    const match = 'id' in by ? eq(caseAttachments.id, by.id) : eq(caseAttachments.sha256, by.sha256);
    const [row] = await db
      .select(listed)
      .from(caseAttachments)
      .leftJoin(users, eq(users.id, caseAttachments.uploadedBy))
      .where(and(eq(caseAttachments.caseId, caseId), match));
    return row;
  },

  async content(db: Db, caseId: string, id: string): Promise<Buffer | undefined> {
    const [row] = await db
      .select({ content: caseAttachments.contentSealed })
      .from(caseAttachments)
      .where(and(eq(caseAttachments.caseId, caseId), eq(caseAttachments.id, id)));
    return row?.content;
  },
};
