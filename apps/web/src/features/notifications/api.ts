import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ZNotificationList } from '@loopdesk/core';
import { api } from '@/lib/api';

const KEY = ['notifications', 'mine'] as const;

/** My notices, read again every minute while the console is open. */
export function useMyNotifications() {
  return useQuery({ queryKey: KEY, queryFn: () => api.get('/api/notifications/mine', ZNotificationList, { limit: 20 }), refetchInterval: 60_000 });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post(`/api/notifications/${encodeURIComponent(id)}/read`, ZNotificationList),
    onSuccess: (list) => queryClient.setQueryData(KEY, list),
  });
}

/** Marks all my notices read up to the newest the list showed (one that arrives meanwhile stays unread). */
export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (until: string | undefined) => api.post('/api/notifications/read-all', ZNotificationList, until ? { until } : {}),
    onSuccess: (list) => queryClient.setQueryData(KEY, list),
  });
}
