import { useQuery } from '@tanstack/react-query';
import { ZOrgUnitList } from '@loopdesk/core';
import { api } from './api';

/** The institution's departments (sub-tasks are addressed to them). */
export function useDepartments() {
  return useQuery({
    queryKey: ['departments'],
    queryFn: async () => (await api.get('/api/departments', ZOrgUnitList)).items,
    staleTime: 300_000,
  });
}
