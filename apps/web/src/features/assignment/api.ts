import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import type {
  ZCreateAssignmentRuleRequest,
  ZCreateTeamRequest} from '@loopdesk/core';
import {
  ZAssignmentRule,
  ZCaseSummary,
  ZPage,
  ZOk,
  ZRuleTestResult,
  ZTeam,
  type TUpdateAssignmentRuleRequest,
  type TUpdateTeamRequest,
} from '@loopdesk/core';
import { api } from '@/lib/api';
import { TEAMS_QUERY_KEY } from '@/lib/teams';

const RULES_KEY = ['assignment-rules'] as const;

export { useTeams } from '@/lib/teams';
export { useCategories } from '@/lib/categories';

export function useSaveTeam() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { id?: string; create?: z.input<typeof ZCreateTeamRequest>; update?: TUpdateTeamRequest }) =>
      v.id ? api.patch(`/api/teams/${encodeURIComponent(v.id)}`, ZTeam, v.update) : api.post('/api/teams', ZTeam, v.create),
    meta: { silent: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: TEAMS_QUERY_KEY }),
  });
}

export function useRules() {
  return useQuery({
    queryKey: RULES_KEY,
    queryFn: async () => (await api.get('/api/assignment-rules', z.object({ items: z.array(ZAssignmentRule) }))).items,
  });
}

export function useSaveRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { id?: string; create?: z.input<typeof ZCreateAssignmentRuleRequest>; update?: TUpdateAssignmentRuleRequest }) =>
      v.id ? api.patch(`/api/assignment-rules/${encodeURIComponent(v.id)}`, ZAssignmentRule, v.update) : api.post('/api/assignment-rules', ZAssignmentRule, v.create),
    meta: { silent: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: RULES_KEY }),
  });
}

export function useDeleteRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; version: number }) => api.delete(`/api/assignment-rules/${encodeURIComponent(v.id)}?version=${v.version}`, ZOk),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: RULES_KEY }),
  });
}

export function useTestRules() {
  return useMutation({
    mutationFn: (caseId: string) => api.post('/api/assignment-rules/test', ZRuleTestResult, { caseId }),
  });
}

/** Open cases by number or title words, for trying the rules on one. */
export function useCaseLookup(q: string) {
  return useQuery({
    queryKey: ['cases', 'search', q],
    queryFn: async () => (await api.get('/api/cases', ZPage(ZCaseSummary), { queue: 'all', q, limit: 20 })).items,
    enabled: q.length > 0,
  });
}
