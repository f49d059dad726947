import { useQuery } from '@tanstack/react-query';
import { ZCasePage } from '@loopdesk/core';
import { api } from '@/lib/api';

/** The latest cases of one customer (for the detail drawer); only for those who may read cases. */
export function useCustomerCases(customerId: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['cases', 'list', 'customer', customerId],
    queryFn: () => api.get('/api/cases', ZCasePage, { queue: 'all', customerId, limit: 20 }),
    enabled: enabled && Boolean(customerId),
  });
}
