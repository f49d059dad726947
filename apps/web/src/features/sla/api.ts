import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ZInstitutionRuleSet, ZInstitutionRuleSetResult, ZRegulatoryRuleSetList, ZSlaPolicyView, type TUpdateInstitutionRuleSet, type TUpdateSlaPolicyRequest } from '@loopdesk/core';
import { api, isApiError } from '@/lib/api';

const SLA_POLICY_KEY = ['sla-policy'] as const;

export function useSlaPolicy() {
  return useQuery({ queryKey: SLA_POLICY_KEY, queryFn: () => api.get('/api/sla-policy', ZSlaPolicyView) });
}

/** Replaces the policy; a stale version reloads it so the next try starts from what is stored. */
export function useSaveSlaPolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TUpdateSlaPolicyRequest) => api.put('/api/sla-policy', ZSlaPolicyView, body),
    meta: { silent: true },
    onSuccess: (saved) => queryClient.setQueryData(SLA_POLICY_KEY, saved),
    onError: (error) => {
      if (isApiError(error) && error.code === 'stale_version') void queryClient.invalidateQueries({ queryKey: SLA_POLICY_KEY });
    },
  });
}

const RULE_SETS_KEY = ['regulatory-rule-sets'] as const;
const RULE_SET_KEY = ['regulatory-rule-set'] as const;

/** The regulatory rule sets LoopDesk ships. */
export function useRuleSets() {
  return useQuery({ queryKey: RULE_SETS_KEY, queryFn: () => api.get('/api/regulatory-rule-sets', ZRegulatoryRuleSetList), staleTime: Infinity });
}

/** The rule set the institution's regulatory clocks run on. */
export function useInstitutionRuleSet() {
  return useQuery({ queryKey: RULE_SET_KEY, queryFn: () => api.get('/api/regulatory-rule-set', ZInstitutionRuleSet) });
}

/** Chooses the institution's rule set; open cases' deadlines move, so case queries are refetched. */
export function useChooseRuleSet() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TUpdateInstitutionRuleSet) => api.put('/api/regulatory-rule-set', ZInstitutionRuleSetResult, body),
    onSuccess: (saved) => {
      queryClient.setQueryData(RULE_SET_KEY, { ruleSetId: saved.ruleSetId });
      void queryClient.invalidateQueries({ queryKey: ['cases'] });
    },
  });
}
