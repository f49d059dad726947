import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  ZBulkAssignResult,
  ZRenderedTemplate,
  ZTemplate,
  ZCaseDetail,
  ZCasePage,
  ZIntakeAck,
  type DecisionOutcome,
  type TBulkAssignRequest,
  type TCaseDetail,
  type TCaseListQuery,
  type TemplateKind,
  type TRenderedTemplate,
  type TTransitionRequest,
  type ZAddMessageRequest,
  type ZDecisionReceiptRequest,
  type ZCompleteTaskRequest,
  type ZCreateTaskRequest,
  type ZStaffIntakeRequest,
} from '@loopdesk/core';
import { api, isApiError } from '@/lib/api';

const CASES_KEY = ['cases'] as const;

export type CaseFilters = Partial<Pick<TCaseListQuery, 'status' | 'kind' | 'channel' | 'priority' | 'q'>>;
export type CaseListParams = CaseFilters & Pick<TCaseListQuery, 'queue' | 'limit' | 'offset'>;

export function useCaseList(params: CaseListParams) {
  return useQuery({
    queryKey: [...CASES_KEY, 'list', params],
    queryFn: () => api.get('/api/cases', ZCasePage, { ...params }),
    placeholderData: keepPreviousData,
  });
}

/** Cases whose number or title matches `q` (merge targets); nothing until something is typed. */
export function useCaseSearch(q: string) {
  return useQuery({
    queryKey: [...CASES_KEY, 'search', q],
    queryFn: async () => (await api.get('/api/cases', ZCasePage, { queue: 'open', q, limit: 20 })).items,
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
  });
}

const caseKey = (id: string) => [...CASES_KEY, 'detail', id] as const;

export function useCase(id: string) {
  return useQuery({ queryKey: caseKey(id), queryFn: () => api.get(`/api/cases/${encodeURIComponent(id)}`, ZCaseDetail) });
}

/** The intake body as the form sends it: defaults (kind, priority, flags) are the server's to fill. */
export type IntakeBody = z.input<typeof ZStaffIntakeRequest>;

export function useIntake() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: IntakeBody) => api.post('/api/cases', ZIntakeAck, body),
    meta: { silent: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...CASES_KEY, 'list'] }),
  });
}

/**
 * Every write on a case answers with the whole case: it replaces the cached one. A stale
 * version (someone else acted first) or a refused transition refetches it, so the page
 * shows what is true now.
 */
function useCaseWrite<B>(id: string, send: (body: B) => Promise<TCaseDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    meta: { silent: true },
    onSuccess: (detail) => {
      queryClient.setQueryData(caseKey(id), detail);
      void queryClient.invalidateQueries({ queryKey: [...CASES_KEY, 'list'] });
    },
    onError: (error) => {
      if (isApiError(error) && error.status === 409) void queryClient.invalidateQueries({ queryKey: caseKey(id) });
    },
  });
}

const path = (id: string, rest: string) => `/api/cases/${encodeURIComponent(id)}${rest}`;

export type TransitionBody = Omit<TTransitionRequest, 'version'>;

export function useTransition(id: string, version: number) {
  return useCaseWrite(id, (body: TransitionBody) => api.post(path(id, '/transitions'), ZCaseDetail, { ...body, version }));
}

/** Records when the customer received the decision, after the answer. */
export function useRecordDecisionReceipt(id: string) {
  return useCaseWrite(id, (body: z.input<typeof ZDecisionReceiptRequest>) => api.post(path(id, '/decision-receipt'), ZCaseDetail, body));
}

export function useAddMessage(id: string) {
  return useCaseWrite(id, (body: z.input<typeof ZAddMessageRequest>) => api.post(path(id, '/messages'), ZCaseDetail, body));
}

export function useCreateTask(id: string) {
  return useCaseWrite(id, (body: z.input<typeof ZCreateTaskRequest>) => api.post(path(id, '/tasks'), ZCaseDetail, body));
}

export function useCompleteTask(id: string) {
  return useCaseWrite(id, ({ taskId, ...body }: z.input<typeof ZCompleteTaskRequest> & { taskId: string }) =>
    api.post(path(id, `/tasks/${encodeURIComponent(taskId)}/complete`), ZCaseDetail, body),
  );
}

/** Assigns several cases to one person; the answer says, per case, assigned or refused and why. */
export function useBulkAssign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TBulkAssignRequest) => api.post('/api/cases/bulk-assign', ZBulkAssignResult, body),
    meta: { silent: true },
    onSettled: () => queryClient.invalidateQueries({ queryKey: CASES_KEY }),
  });
}

/** The institution's templates of one kind (reply, decision letter …), every locale. */
export function useTemplates(kind: TemplateKind) {
  return useQuery({
    queryKey: ['templates', kind],
    queryFn: async () => (await api.get('/api/templates', z.object({ items: z.array(ZTemplate) }), { kind })).items,
    staleTime: 60_000,
  });
}

export interface RenderRequest {
  templateId: string;
  caseId: string;
  /** The version of the case the page shows: a changed case is filled afresh. */
  caseVersion: number;
  decisionOutcome?: DecisionOutcome;
}

const renderTemplate = ({ templateId, caseVersion: _version, ...body }: RenderRequest): Promise<TRenderedTemplate> =>
  api.post(`/api/templates/${encodeURIComponent(templateId)}/render`, ZRenderedTemplate, body);

/** A template filled from a case once (a reply being written). */
export function useRenderTemplate() {
  return useMutation({ mutationFn: renderTemplate });
}

/** A template filled from a case, again whenever the request changes (a decision letter follows its outcome). */
export function useRenderedTemplate(request: RenderRequest | undefined) {
  return useQuery({ queryKey: ['template-render', request], queryFn: () => renderTemplate(request!), enabled: !!request, staleTime: Infinity });
}
