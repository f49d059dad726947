import {
  ZCalendarDateParams,
  ZCalendarDayResult,
  ZCalendarDayUpdate,
  ZCalendarImportRequest,
  ZCalendarImportResult,
  ZCalendarYear,
  ZCalendarYearParams,
  ZIdParams,
  ZWorkingHoursUpdate,
  ZWorkingHoursView,
} from '@loopdesk/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../platform/services';

export function calendarRoutes(app: FastifyInstance, s: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['calendar'];

  r.get('/api/calendar/years/:year', {
    config: { access: 'calendar.read' },
    schema: {
      tags,
      summary: 'Every day of a year (working, rest, swapped working) with holiday names; hasData false for a year without an official schedule',
      params: ZCalendarYearParams,
      response: { 200: ZCalendarYear },
    },
    handler: async (req) => s.calendar.year(req.ctx, req.params.year),
  });

  r.post('/api/calendar/imports', {
    config: { access: 'calendar.manage' },
    schema: {
      tags,
      summary: 'Import official schedules (holiday-cn JSON or .ics), all or nothing; provisional deadlines are recomputed',
      body: ZCalendarImportRequest,
      response: { 200: ZCalendarImportResult },
    },
    handler: async (req) => s.calendar.import(req.ctx, req.body),
  });

  r.put('/api/calendar/days/:date', {
    config: { access: 'calendar.manage' },
    schema: { tags, summary: 'Make one day a rest day or a working day', params: ZCalendarDateParams, body: ZCalendarDayUpdate, response: { 200: ZCalendarDayResult } },
    handler: async (req) => s.calendar.setDay(req.ctx, req.params.date, req.body),
  });

  r.get('/api/org-units/:id/working-hours', {
    config: { access: 'calendar.read' },
    schema: { tags, summary: 'The working hours an org unit keeps (its own or inherited)', params: ZIdParams, response: { 200: ZWorkingHoursView } },
    handler: async (req) => s.calendar.workingHours(req.ctx, req.params.id),
  });

  r.put('/api/org-units/:id/working-hours', {
    config: { access: 'calendar.manage' },
    schema: { tags, summary: 'Set an org unit’s own working hours, or null to inherit its parent’s', params: ZIdParams, body: ZWorkingHoursUpdate, response: { 200: ZWorkingHoursView } },
    handler: async (req) => s.calendar.setWorkingHours(req.ctx, req.params.id, req.body),
  });
}
