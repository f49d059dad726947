import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ZCalendarDayResult,
  ZCalendarImportResult,
  ZCalendarYear,
  ZWorkingHoursView,
  type TCalendarDayUpdate,
  type TCalendarImportRequest,
  type TWorkingHoursUpdate,
} from '@loopdesk/core';
import { api } from '@/lib/api';

const CALENDAR_KEY = ['calendar'] as const;
const WORKING_HOURS_KEY = ['working-hours'] as const;

export function useCalendarYear(year: number, enabled = true) {
  return useQuery({
    queryKey: [...CALENDAR_KEY, year],
    queryFn: () => api.get(`/api/calendar/years/${year}`, ZCalendarYear),
    enabled,
  });
}

/** Imports a schedule; errors are shown in the dialog (the fields name the entries at fault). */
export function useImportCalendar() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TCalendarImportRequest) => api.post('/api/calendar/imports', ZCalendarImportResult, body),
    meta: { silent: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: CALENDAR_KEY }),
  });
}

export function useSetCalendarDay() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ date, ...body }: TCalendarDayUpdate & { date: string }) =>
      api.put(`/api/calendar/days/${encodeURIComponent(date)}`, ZCalendarDayResult, body),
    meta: { silent: true },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: CALENDAR_KEY }),
  });
}

export function useWorkingHours(orgUnitId: string | undefined) {
  return useQuery({
    queryKey: [...WORKING_HOURS_KEY, orgUnitId],
    queryFn: () => api.get(`/api/org-units/${encodeURIComponent(orgUnitId!)}/working-hours`, ZWorkingHoursView),
    enabled: !!orgUnitId,
  });
}

export function useSetWorkingHours() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ orgUnitId, ...body }: TWorkingHoursUpdate & { orgUnitId: string }) =>
      api.put(`/api/org-units/${encodeURIComponent(orgUnitId)}/working-hours`, ZWorkingHoursView, body),
    meta: { silent: true },
    // A unit's change reaches the units below it that inherit.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: WORKING_HOURS_KEY }),
  });
}
