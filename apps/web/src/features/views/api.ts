import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { ZOk, ZSavedView, type TUpdateSavedViewRequest, type ZCreateSavedViewRequest } from '@loopdesk/core';
import { api } from '@/lib/api';

const VIEWS_KEY = ['saved-views'] as const;

export function useSavedViews() {
  return useQuery({
    queryKey: VIEWS_KEY,
    queryFn: async () => (await api.get('/api/saved-views', z.object({ items: z.array(ZSavedView) }))).items,
  });
}

export function useSaveView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { id?: string; create?: z.input<typeof ZCreateSavedViewRequest>; update?: TUpdateSavedViewRequest }) =>
      v.id ? api.patch(`/api/saved-views/${encodeURIComponent(v.id)}`, ZSavedView, v.update) : api.post('/api/saved-views', ZSavedView, v.create),
    meta: { silent: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: VIEWS_KEY }),
  });
}

export function useDeleteView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; version: number }) => api.delete(`/api/saved-views/${encodeURIComponent(v.id)}?version=${v.version}`, ZOk),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: VIEWS_KEY }),
  });
}
