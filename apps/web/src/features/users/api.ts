import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ZPage,
  ZUser,
  ZUserWithPassword,
  type Role,
  type TCreateUserRequest,
  type TUpdateUserRequest,
} from '@loopdesk/core';
import { api } from '@/lib/api';

const ZUserPage = ZPage(ZUser);
const USERS_KEY = ['users'] as const;

export interface UserFilters {
  q?: string | undefined;
  orgUnitId?: string | undefined;
  role?: Role | undefined;
  status?: 'active' | 'disabled' | undefined;
  limit: number;
  offset: number;
}

export function useUsers(filters: UserFilters) {
  return useQuery({
    queryKey: [...USERS_KEY, 'list', filters],
    queryFn: () => api.get('/api/users', ZUserPage, { ...filters }),
    placeholderData: keepPreviousData,
  });
}

function useInvalidateUsers() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: USERS_KEY });
}

export function useCreateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (body: TCreateUserRequest) => api.post('/api/users', ZUserWithPassword, body),
    onSuccess: invalidate,
  });
}

export function useUpdateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, ...body }: TUpdateUserRequest & { id: string }) =>
      api.patch(`/api/users/${encodeURIComponent(id)}`, ZUser, body),
    onSettled: invalidate,
  });
}

export function useResetPassword() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (id: string) => api.post(`/api/users/${encodeURIComponent(id)}/reset-password`, ZUserWithPassword),
    onSuccess: invalidate,
  });
}

export function useUnlockUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (id: string) => api.post(`/api/users/${encodeURIComponent(id)}/unlock`, ZUser),
    onSuccess: invalidate,
  });
}
