import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  isValidResidentId,
  validateUscc,
  ZContact,
  ZCustomer,
  type TCreateCustomerRequest,
} from '@loopdesk/core';
import { api } from './api';

export const CUSTOMERS_KEY = ['customers'] as const;
const ZCustomerList = z.object({ items: z.array(ZCustomer) });
export const ZCustomerDetail = ZCustomer.extend({ contacts: z.array(ZContact) });
export type TCustomerDetail = z.infer<typeof ZCustomerDetail>;

/** The ways GET /api/customers finds someone: exact USCC, ID number or phone, or part of a name. */
export const CUSTOMER_CRITERIA = ['q', 'phone', 'uscc', 'idNumber'] as const;
export type CustomerCriterion = (typeof CUSTOMER_CRITERIA)[number];
export type CustomerSearch = Partial<Record<CustomerCriterion, string>>;

/**
 * Reads what someone typed into one search box: a valid resident ID number, a valid USCC,
 * a phone number (digits, spaces, dashes, optional +), else part of an enterprise name.
 */
export function guessCustomerSearch(text: string): CustomerSearch | undefined {
  const value = text.trim();
  if (!value) return undefined;
  const upper = value.toUpperCase();
  if (upper.length === 18 && isValidResidentId(upper)) return { idNumber: upper };
  if (upper.length === 18 && validateUscc(upper).valid) return { uscc: upper };
  if (/^\+?[0-9][0-9 -]{5,19}$/.test(value)) return { phone: value.replace(/[\s-]/g, '') };
  return { q: value.slice(0, 50) };
}

/** Customers matching one criterion; nothing is asked until there is one. */
export function useCustomerSearch(search: CustomerSearch | undefined) {
  return useQuery({
    queryKey: [...CUSTOMERS_KEY, 'search', search],
    queryFn: async () => (await api.get('/api/customers', ZCustomerList, { ...search, limit: 50 })).items,
    enabled: Boolean(search),
    placeholderData: keepPreviousData,
    staleTime: 15_000,
  });
}

/** One customer with contacts; unmasked (and audited by the server) for roles that may read personal data. */
export function useCustomer(id: string | undefined) {
  return useQuery({
    queryKey: [...CUSTOMERS_KEY, 'detail', id],
    queryFn: () => api.get(`/api/customers/${encodeURIComponent(id ?? '')}`, ZCustomerDetail),
    enabled: Boolean(id),
  });
}

export function useCreateCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateCustomerRequest) => api.post('/api/customers', ZCustomer, body),
    meta: { silent: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: CUSTOMERS_KEY }),
  });
}
