import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { ZAuditPage, ZAuditVerifyResult } from '@loopdesk/core';
import { api } from '@/lib/api';

export interface AuditFilters {
  actorId?: string | undefined;
  objectType?: string | undefined;
  objectId?: string | undefined;
  action?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

const PAGE_SIZE = 100;

/** Newest first; each further page continues below the oldest seq seen so far. */
export function useAuditLog(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: ['audit', 'log', filters],
    queryFn: ({ pageParam }) =>
      api.get('/api/audit', ZAuditPage, { ...filters, beforeSeq: pageParam, limit: PAGE_SIZE }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBeforeSeq ?? undefined,
  });
}

export function useVerifyAuditChain() {
  return useMutation({
    mutationFn: () => api.get('/api/audit/verify', ZAuditVerifyResult),
  });
}
