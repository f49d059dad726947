import { useQuery } from '@tanstack/react-query';
import { ZPage, ZUser } from '@loopdesk/core';
import { api } from './api';

const ZUserPage = ZPage(ZUser);

/** Up to 200 users matching `q`, for pickers and for naming ids in tables. */
export function useUserLookup(q: string, enabled = true) {
  return useQuery({
    queryKey: ['users', 'lookup', q],
    queryFn: async () => (await api.get('/api/users', ZUserPage, { q, limit: 200 })).items,
    staleTime: 30_000,
    enabled,
  });
}
