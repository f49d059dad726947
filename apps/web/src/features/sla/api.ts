import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ZSlaPolicyView, type TUpdateSlaPolicyRequest } from '@loopdesk/core';
import { api, isApiError } from '@/lib/api';

const SLA_POLICY_KEY = ['sla-policy'] as const;

export function useSlaPolicy() {
  return useQuery({ queryKey: SLA_POLICY_KEY, queryFn: () => api.get('/api/sla-policy', ZSlaPolicyView) });
}

/** Replaces the policy; a stale version reloads it so the next try starts from what is stored. */
export function useSaveSlaPolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TUpdateSlaPolicyRequest) => api.put('/api/sla-policy', ZSlaPolicyView, body),
    meta: { silent: true },
    onSuccess: (saved) => queryClient.setQueryData(SLA_POLICY_KEY, saved),
    onError: (error) => {
      if (isApiError(error) && error.code === 'stale_version') void queryClient.invalidateQueries({ queryKey: SLA_POLICY_KEY });
    },
  });
}
