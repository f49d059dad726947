import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { ZOk, ZSessionInfo, type TChangePasswordRequest } from '@loopdesk/core';
import { api } from '@/lib/api';
import { ME_QUERY_KEY } from '@/lib/auth';

const SESSIONS_KEY = ['auth', 'sessions'] as const;
const ZSessionList = z.object({ items: z.array(ZSessionInfo) });

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TChangePasswordRequest) => api.post('/api/auth/password', ZOk, body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY });
      await queryClient.invalidateQueries({ queryKey: SESSIONS_KEY });
    },
  });
}

export function useSessions() {
  return useQuery({
    queryKey: SESSIONS_KEY,
    queryFn: async () => (await api.get('/api/auth/sessions', ZSessionList)).items,
  });
}

export function useRevokeSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/auth/sessions/${encodeURIComponent(id)}`, ZOk),
    onSettled: () => queryClient.invalidateQueries({ queryKey: SESSIONS_KEY }),
  });
}
