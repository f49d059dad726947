import { useQuery } from '@tanstack/react-query';
import { ZWorkbenchCounts } from '@loopdesk/core';
import { api } from '@/lib/api';

/** The workbench's counts, read again every minute while it is open (deadlines move with the clock). */
export function useWorkbenchCounts(enabled: boolean) {
  return useQuery({
    queryKey: ['cases', 'counts'],
    queryFn: () => api.get('/api/cases/counts', ZWorkbenchCounts),
    enabled,
    refetchInterval: 60_000,
  });
}
