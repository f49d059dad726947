import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ZAttachment, ZAttachmentList } from '@loopdesk/core';
import { api } from '@/lib/api';

const attachmentsKey = (caseId: string) => ['cases', 'detail', caseId, 'attachments'] as const;

export function useAttachments(caseId: string) {
  return useQuery({ queryKey: attachmentsKey(caseId), queryFn: () => api.get(`/api/cases/${encodeURIComponent(caseId)}/attachments`, ZAttachmentList) });
}

/** Uploads one file; the case's timeline and list refresh after. */
export function useUploadAttachment(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => api.upload(`/api/cases/${encodeURIComponent(caseId)}/attachments`, ZAttachment, file, { name: file.name }),
    meta: { silent: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['cases', 'detail', caseId] }),
  });
}

/** Where the browser downloads a file from (the server always sends it as an attachment). */
export const attachmentContentUrl = (caseId: string, attachmentId: string) =>
  `/api/cases/${encodeURIComponent(caseId)}/attachments/${encodeURIComponent(attachmentId)}/content`;
