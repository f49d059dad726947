import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  ZRegulatoryClock,
  type TRegulatoryClock,
  type ZDecideExtensionRequest,
  type ZEndExclusionRequest,
  type ZExclusionNoticeRequest,
  type ZNewFactsRequest,
  type ZRequestExtensionRequest,
  type ZStartExclusionRequest,
} from '@loopdesk/core';
import { api, isApiError } from '@/lib/api';

// Under the case's key, with the case's version: any change to the case (a transition, a message)
// fetches the clock again, and an action here primes the cache for the version it produced.
const clockKey = (caseId: string, version?: number) => (version === undefined ? (['cases', 'detail', caseId, 'regulatory-clock'] as const) : (['cases', 'detail', caseId, 'regulatory-clock', version] as const));
const path = (caseId: string, rest = '') => `/api/cases/${encodeURIComponent(caseId)}${rest}`;

export function useRegulatoryClock(caseId: string, caseVersion: number) {
  return useQuery({ queryKey: clockKey(caseId, caseVersion), queryFn: () => api.get(path(caseId, '/regulatory-clock'), ZRegulatoryClock) });
}

/**
 * Every action answers with the whole clock: it replaces the cached one, and the case (its
 * deadline, version and timeline) and the queues are fetched again. A 409 refetches the clock.
 */
function useClockWrite<B>(caseId: string, send: (body: B) => Promise<TRegulatoryClock>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    meta: { silent: true },
    onSuccess: (clock) => {
      queryClient.setQueryData(clockKey(caseId, clock.version), clock);
      void queryClient.invalidateQueries({ queryKey: ['cases', 'detail', caseId] });
      void queryClient.invalidateQueries({ queryKey: ['cases', 'list'] });
    },
    onError: (error) => {
      if (isApiError(error) && error.status === 409) void queryClient.invalidateQueries({ queryKey: clockKey(caseId) });
    },
  });
}

type WithoutVersion<T extends z.ZodType> = Omit<z.input<T>, 'version'>;

export function useRequestExtension(caseId: string, version: number) {
  return useClockWrite(caseId, (body: WithoutVersion<typeof ZRequestExtensionRequest>) => api.post(path(caseId, '/extensions'), ZRegulatoryClock, { ...body, version }));
}

export function useDecideExtension(caseId: string, version: number) {
  return useClockWrite(caseId, ({ extensionId, ...body }: WithoutVersion<typeof ZDecideExtensionRequest> & { extensionId: string }) =>
    api.post(path(caseId, `/extensions/${encodeURIComponent(extensionId)}/decision`), ZRegulatoryClock, { ...body, version }),
  );
}

export function useStartExclusion(caseId: string, version: number) {
  return useClockWrite(caseId, (body: WithoutVersion<typeof ZStartExclusionRequest>) => api.post(path(caseId, '/exclusions'), ZRegulatoryClock, { ...body, version }));
}

export function useEndExclusion(caseId: string, version: number) {
  return useClockWrite(caseId, ({ exclusionId, ...body }: WithoutVersion<typeof ZEndExclusionRequest> & { exclusionId: string }) =>
    api.post(path(caseId, `/exclusions/${encodeURIComponent(exclusionId)}/end`), ZRegulatoryClock, { ...body, version }),
  );
}

export function useRecordExclusionNotice(caseId: string, version: number) {
  return useClockWrite(caseId, ({ exclusionId, ...body }: WithoutVersion<typeof ZExclusionNoticeRequest> & { exclusionId: string }) =>
    api.post(path(caseId, `/exclusions/${encodeURIComponent(exclusionId)}/notice`), ZRegulatoryClock, { ...body, version }),
  );
}

export function useNewFacts(caseId: string, version: number) {
  return useClockWrite(caseId, (body: WithoutVersion<typeof ZNewFactsRequest>) => api.post(path(caseId, '/new-facts'), ZRegulatoryClock, { ...body, version }));
}
