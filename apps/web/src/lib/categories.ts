import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { ZCategory } from '@loopdesk/core';
import { api } from './api';

/** The content-category tree (flat), for rule conditions. */
export function useCategories() {
  return useQuery({
    queryKey: ['categories'],
    queryFn: async () => (await api.get('/api/categories', z.object({ items: z.array(ZCategory) }))).items,
  });
}
