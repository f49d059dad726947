import { useCallback, useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { ZPage, ZStaffMember, ZUser } from '@loopdesk/core';
import { z } from 'zod';
import { api } from './api';
import { useCan, useMeQuery } from './auth';

const ZUserPage = ZPage(ZUser);
const ZStaffList = z.object({ items: z.array(ZStaffMember) });

/** Whether the user may look colleagues up: administrators list users, case workers the staff directory. */
export function useCanLookUpStaff(): boolean {
  const admin = useCan('users.read');
  const caseWorker = useCan('cases.read');
  return admin || caseWorker;
}

/**
 * Up to 200 colleagues matching `q`, for pickers and for naming ids in tables; with `orgUnitId`,
 * only the staff of that unit and the units below it. Those come from the staff directory, which
 * reaches every department: an administrator's user list stops at their own subtree.
 */
export function useUserLookup(q: string, enabled = true, orgUnitId?: string) {
  const admin = useCan('users.read') && orgUnitId === undefined;
  return useQuery({
    queryKey: ['users', 'lookup', admin, q, orgUnitId ?? null],
    queryFn: async () =>
      admin
        ? (await api.get('/api/users', ZUserPage, { q, limit: 200 })).items
        : (await api.get('/api/staff', ZStaffList, { q, limit: 200, ...(orgUnitId ? { orgUnitId } : {}) })).items,
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
  const { data: users } = useUserLookup('', useCanLookUpStaff());
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
