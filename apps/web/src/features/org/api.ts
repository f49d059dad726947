import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ZOrgUnit, type TCreateOrgUnitRequest, type TUpdateOrgUnitRequest } from '@loopdesk/core';
import { api, isApiError } from '@/lib/api';
import { ORG_UNITS_QUERY_KEY } from '@/lib/org-units';

export function useCreateOrgUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateOrgUnitRequest) => api.post('/api/org-units', ZOrgUnit, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ORG_UNITS_QUERY_KEY }),
  });
}

/** Rename, recode or move; a stale version refetches the tree so the next try uses fresh data. */
export function useUpdateOrgUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: TUpdateOrgUnitRequest & { id: string }) =>
      api.patch(`/api/org-units/${encodeURIComponent(id)}`, ZOrgUnit, body),
    meta: { silent: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ORG_UNITS_QUERY_KEY }),
    onError: (error) => {
      if (isApiError(error) && error.code === 'stale_version') {
        void queryClient.invalidateQueries({ queryKey: ORG_UNITS_QUERY_KEY });
      }
    },
  });
}
