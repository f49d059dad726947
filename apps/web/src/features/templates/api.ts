import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  DEFAULT_RULE_SET_ID,
  reviewWindowDays,
  shippedRuleSet,
  ZInstitutionRuleSet,
  ZTemplate,
  type TemplateKind,
  type TemplateLocale,
  type ZCreateTemplateRequest,
  type ZUpdateTemplateRequest,
} from '@loopdesk/core';
import { api, isApiError } from '@/lib/api';
import { useCan } from '@/lib/auth';

// Under the key the case pages' template lists use too: a change here reaches their pickers.
const TEMPLATES_KEY = ['templates'] as const;

export interface TemplateFilters {
  kind?: TemplateKind;
  locale?: TemplateLocale;
}

/** The institution's templates, active and retired, of a kind and language when given. */
export function useTemplateList(filters: TemplateFilters) {
  return useQuery({
    queryKey: [...TEMPLATES_KEY, 'manage', filters],
    queryFn: async () => (await api.get('/api/templates', z.object({ items: z.array(ZTemplate) }), { ...filters })).items,
    placeholderData: keepPreviousData,
  });
}

export type SaveTemplate = { create: z.input<typeof ZCreateTemplateRequest> } | { id: string; update: z.input<typeof ZUpdateTemplateRequest> };

/** Adds a template, or edits or retires one with the version it was read at; a stale version fetches the list again. */
export function useSaveTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: SaveTemplate) => ('create' in v ? api.post('/api/templates', ZTemplate, v.create) : api.patch(`/api/templates/${encodeURIComponent(v.id)}`, ZTemplate, v.update)),
    meta: { silent: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: TEMPLATES_KEY }),
    onError: (error) => {
      if (isApiError(error) && error.code === 'stale_version') void queryClient.invalidateQueries({ queryKey: TEMPLATES_KEY });
    },
  });
}

/**
 * The review window of the institution's rule set, for the preview: null when the rules have no
 * review. Who may not read the rule set (it is an SLA setting) sees the default rules' window.
 */
export function useReviewWindowDays(): number | null {
  const canRead = useCan('sla.manage');
  const { data } = useQuery({
    // The SLA page's key: the same answer, fetched once.
    queryKey: ['regulatory-rule-set'],
    queryFn: () => api.get('/api/regulatory-rule-set', ZInstitutionRuleSet),
    enabled: canRead,
    meta: { silent: true },
  });
  const ruleSet = shippedRuleSet(data?.ruleSetId ?? DEFAULT_RULE_SET_ID);
  return ruleSet ? reviewWindowDays(ruleSet) : null;
}
