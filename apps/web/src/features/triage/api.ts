import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  ZCaseDetail,
  ZCategory,
  ZHotTopic,
  ZKeywordRule,
  ZMergeSuggestion,
  ZRetrainAck,
  ZTriageModel,
  ZTriageSettings,
  type TClassifyRequest,
} from '@loopdesk/core';
import { api } from '@/lib/api';

const CASES_KEY = ['cases'] as const;
const TRIAGE_KEY = ['triage'] as const;

/** The content categories (flat), to show a predicted code by name and to pick one. */
export function useCategories() {
  return useQuery({
    queryKey: ['categories'],
    queryFn: async () => (await api.get('/api/categories', z.object({ items: z.array(ZCategory) }))).items,
    staleTime: 300_000,
  });
}

export type ClassifyBody = Omit<TClassifyRequest, 'version'>;

/** Confirms or corrects a case's classification; the case leaves the triage queue. */
export function useClassify() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, body }: { id: string; version: number; body: ClassifyBody }) =>
      api.post(`/api/cases/${encodeURIComponent(id)}/classification`, ZCaseDetail, { ...body, version }),
    meta: { silent: true },
    onSuccess: (detail) => {
      queryClient.setQueryData([...CASES_KEY, 'detail', detail.id], detail);
      void queryClient.invalidateQueries({ queryKey: [...CASES_KEY, 'list'] });
    },
  });
}

export function useMergeSuggestions(caseId: string) {
  return useQuery({
    queryKey: [...TRIAGE_KEY, 'suggestions', caseId],
    queryFn: async () => (await api.get(`/api/cases/${encodeURIComponent(caseId)}/merge-suggestions`, z.object({ items: z.array(ZMergeSuggestion) }))).items,
  });
}

export function useHotTopics() {
  return useQuery({
    queryKey: [...TRIAGE_KEY, 'hot-topics'],
    queryFn: async () => (await api.get('/api/triage/hot-topics', z.object({ items: z.array(ZHotTopic) }))).items,
  });
}

const MODELS_KEY = [...TRIAGE_KEY, 'models'] as const;

export function useModels() {
  return useQuery({
    queryKey: MODELS_KEY,
    queryFn: async () => (await api.get('/api/triage/models', z.object({ items: z.array(ZTriageModel) }))).items,
  });
}

export function useActivateModel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post(`/api/triage/models/${encodeURIComponent(id)}/activate`, ZTriageModel),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: MODELS_KEY }),
  });
}

export function useRetrain() {
  return useMutation({ mutationFn: () => api.post('/api/triage/models/retrain', ZRetrainAck) });
}

const RULES_KEY = [...TRIAGE_KEY, 'rules'] as const;

export function useRules() {
  return useQuery({
    queryKey: RULES_KEY,
    queryFn: async () => (await api.get('/api/triage/rules', z.object({ items: z.array(ZKeywordRule) }))).items,
  });
}

export function useUpdateRule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; version: number; keywords?: string[]; active?: boolean }) => api.patch(`/api/triage/rules/${encodeURIComponent(id)}`, ZKeywordRule, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: RULES_KEY }),
  });
}

const WORDS_KEY = [...TRIAGE_KEY, 'words'] as const;
const ZWord = z.object({ word: z.string(), createdAt: z.string() });

export function useWords() {
  return useQuery({
    queryKey: WORDS_KEY,
    queryFn: async () => (await api.get('/api/triage/words', z.object({ items: z.array(ZWord) }))).items,
  });
}

export function useAddWord() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (word: string) => api.post('/api/triage/words', ZWord, { word }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: WORDS_KEY }),
  });
}

const SETTINGS_KEY = [...TRIAGE_KEY, 'settings'] as const;

export function useTriageSettings() {
  return useQuery({ queryKey: SETTINGS_KEY, queryFn: () => api.get('/api/triage/settings', ZTriageSettings) });
}

export function useUpdateTriageSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { version: number; reviewThreshold: number; retrainDelaySeconds: number }) => api.patch('/api/triage/settings', ZTriageSettings, body),
    onSuccess: (settings) => queryClient.setQueryData(SETTINGS_KEY, settings),
  });
}
