import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ZMe, ZOk, type TMe } from '@loopdesk/core';
import { setDisplayTimeZone } from './format';
import { api, isApiError } from './api';

export const ME_QUERY_KEY = ['auth', 'me'] as const;

/** Who is signed in: the user, or null when there is no session. */
export function useMeQuery() {
  return useQuery({
    queryKey: ME_QUERY_KEY,
    queryFn: async (): Promise<TMe | null> => {
      try {
        const me = await api.get('/api/auth/me', ZMe, undefined, { allowAnonymous: true });
        setDisplayTimeZone(me.timeZone);
        return me;
      } catch (error) {
        if (isApiError(error) && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

/** The signed-in user; only valid below the auth guard. */
export function useCurrentUser(): TMe {
  const { data } = useMeQuery();
  if (!data) throw new Error('useCurrentUser used outside the signed-in area');
  return data;
}

/** True when the signed-in user holds `permission` (e.g. 'users.manage'). */
export function useCan(permission: string): boolean {
  const { data } = useMeQuery();
  return data?.permissions.includes(permission) ?? false;
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/api/auth/logout', ZOk),
    meta: { silent: true },
    onSettled: () => {
      // Whatever the server said, this tab forgets the user.
      queryClient.clear();
      queryClient.setQueryData(ME_QUERY_KEY, null);
    },
  });
}
