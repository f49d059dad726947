import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ZMe, type TLoginRequest } from '@loopdesk/core';
import { api } from '@/lib/api';
import { ME_QUERY_KEY } from '@/lib/auth';

/** Signs in; the server sets the session and CSRF cookies and answers with the user. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TLoginRequest) => api.post('/api/auth/login', ZMe, body),
    onSuccess: (me) => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_QUERY_KEY[0] });
      queryClient.setQueryData(ME_QUERY_KEY, me);
    },
  });
}
