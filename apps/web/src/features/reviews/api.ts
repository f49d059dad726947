import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ZCaseReviews, type TDecideReviewRequest, type TRequestReviewRequest } from '@loopdesk/core';
import { api } from '@/lib/api';

const reviewsKey = (caseId: string) => ['cases', 'reviews', caseId] as const;

/** The case's review window and reviews, each with its clock. */
export function useCaseReviews(caseId: string) {
  return useQuery({ queryKey: reviewsKey(caseId), queryFn: () => api.get(`/api/cases/${encodeURIComponent(caseId)}/reviews`, ZCaseReviews) });
}

/** Records a review request: the case reopens, so the case and its lists are read again too. */
export function useRequestReview(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TRequestReviewRequest) => api.post(`/api/cases/${encodeURIComponent(caseId)}/reviews`, ZCaseReviews, body),
    meta: { silent: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['cases'] }),
  });
}

export function useDecideReview(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ reviewId, ...body }: TDecideReviewRequest & { reviewId: string }) =>
      api.post(`/api/cases/${encodeURIComponent(caseId)}/reviews/${encodeURIComponent(reviewId)}/decision`, ZCaseReviews, body),
    meta: { silent: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['cases'] }),
  });
}
