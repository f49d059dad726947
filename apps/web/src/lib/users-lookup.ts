import { useCallback, useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { ZPage, ZUser } from '@loopdesk/core';
import { api } from './api';
import { useCan, useMeQuery } from './auth';

const ZUserPage = ZPage(ZUser);

/** Up to 200 users matching `q`, for pickers and for naming ids in tables (needs users.read). */
export function useUserLookup(q: string, enabled = true) {
  return useQuery({
    queryKey: ['users', 'lookup', q],
    queryFn: async () => (await api.get('/api/users', ZUserPage, { q, limit: 200 })).items,
    staleTime: 30_000,
    enabled,
  });
}

/**
 * Names staff by id: the signed-in user always, others when the user may list staff
 * (users.read; the first 200 of their subtree). Unknown ids give undefined.
 */
export function useUserNames(): (id: string | null | undefined) => string | undefined {
  const { data: me } = useMeQuery();
  const canList = useCan('users.read');
  const { data: users } = useQuery({
    queryKey: ['users', 'lookup', ''],
    queryFn: async () => (await api.get('/api/users', ZUserPage, { q: '', limit: 200 })).items,
    staleTime: 60_000,
    enabled: canList,
    meta: { silent: true },
  });
  const names = useMemo(() => new Map((users ?? []).map((u) => [u.id, u.displayName])), [users]);
  return useCallback(
    (id: string | null | undefined) => {
      if (!id) return undefined;
      if (id === me?.id) return me.displayName;
      return names.get(id);
    },
    [names, me],
  );
}
