import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  ZCasePanel,
  ZMajorCaseRule,
  ZOk,
  type TUpdateMajorCaseRuleRequest,
  type ZCreateMajorCaseRuleRequest,
  type ZRecordPanelOpinionRequest,
  type ZSubmitPanelReviewRequest,
} from '@loopdesk/core';
import { api } from '@/lib/api';

const RULES_KEY = ['major-case-rules'] as const;
const panelKey = (caseId: string) => ['cases', 'panel', caseId] as const;

export function useMajorRules() {
  return useQuery({
    queryKey: RULES_KEY,
    queryFn: async () => (await api.get('/api/major-case-rules', z.object({ items: z.array(ZMajorCaseRule) }))).items,
  });
}

export function useSaveMajorRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { id?: string; create?: z.input<typeof ZCreateMajorCaseRuleRequest>; update?: TUpdateMajorCaseRuleRequest }) =>
      v.id ? api.patch(`/api/major-case-rules/${encodeURIComponent(v.id)}`, ZMajorCaseRule, v.update) : api.post('/api/major-case-rules', ZMajorCaseRule, v.create),
    meta: { silent: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: RULES_KEY }),
  });
}

export function useDeleteMajorRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; version: number }) => api.delete(`/api/major-case-rules/${encodeURIComponent(v.id)}?version=${v.version}`, ZOk),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: RULES_KEY }),
  });
}

/**
 * The case's marking and panel reviews; `version` refetches it when the case moved on. The
 * previous answer stays on screen meanwhile, so an open dialog is not unmounted under its user.
 */
export function useCasePanel(caseId: string, version: number) {
  return useQuery({
    queryKey: [...panelKey(caseId), version],
    queryFn: () => api.get(`/api/cases/${encodeURIComponent(caseId)}/panel`, ZCasePanel),
    placeholderData: keepPreviousData,
  });
}

/** Panel writes change the case too (its version, its timeline): both are fetched again. */
function usePanelWrite<B>(send: (body: B) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    meta: { silent: true },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['cases'] }),
  });
}

export function useSubmitToPanel(caseId: string) {
  return usePanelWrite((body: z.input<typeof ZSubmitPanelReviewRequest>) =>
    api.post(`/api/cases/${encodeURIComponent(caseId)}/panel`, ZCasePanel, body),
  );
}

export function useRecordOpinion(caseId: string) {
  return usePanelWrite((body: z.input<typeof ZRecordPanelOpinionRequest>) => api.post(`/api/cases/${encodeURIComponent(caseId)}/panel/opinions`, ZCasePanel, body));
}
