import { useQuery } from '@tanstack/react-query';
import { ZCaseSummary, ZPage } from '@loopdesk/core';
import { api } from '@/lib/api';

const ZCasePage = ZPage(ZCaseSummary);

/** The latest cases of one customer (for the detail drawer); only for those who may read cases. */
export function useCustomerCases(customerId: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['cases', 'list', 'customer', customerId],
    queryFn: () => api.get('/api/cases', ZCasePage, { queue: 'all', customerId, limit: 20 }),
    enabled: enabled && Boolean(customerId),
  });
}
