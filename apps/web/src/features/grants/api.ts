import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { ZGrant, type TCreateGrantRequest } from '@loopdesk/core';
import { api } from '@/lib/api';

const GRANTS_KEY = ['grants'] as const;
const ZGrantList = z.object({ items: z.array(ZGrant) });

export interface GrantFilters {
  userId?: string | undefined;
  objectId?: string | undefined;
  includeRevoked: boolean;
}

export function useGrants(filters: GrantFilters) {
  return useQuery({
    queryKey: [...GRANTS_KEY, filters],
    queryFn: async () =>
      (await api.get('/api/grants', ZGrantList, { ...filters, objectType: filters.objectId ? 'org_unit' : undefined }))
        .items,
  });
}

export function useCreateGrant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateGrantRequest) => api.post('/api/grants', ZGrant, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: GRANTS_KEY }),
  });
}

export function useRevokeGrant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/grants/${encodeURIComponent(id)}`, ZGrant),
    onSettled: () => queryClient.invalidateQueries({ queryKey: GRANTS_KEY }),
  });
}
