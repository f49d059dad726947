import { z } from 'zod';
import { ZCivilDate } from '../clocks/civil-date';
import { CALENDAR_DAY_STATUSES, CALENDAR_IMPORT_FORMATS } from '../clocks/institution-calendar';
import { ZWorkingWindow } from '../clocks/working-hours';
import { ZId } from './common';

export const ZCalendarYearParams = z.object({ year: z.coerce.number().int().min(1900).max(2200) });
export const ZCalendarDateParams = z.object({ date: ZCivilDate });

export const ZCalendarDay = z.object({
  date: ZCivilDate,
  status: z.enum(CALENDAR_DAY_STATUSES).describe('working, rest, or swapped_working (a weekend day worked, 调休上班)'),
  name: z.string().nullable().describe('the holiday, or the holiday a swapped working day makes up for'),
  source: z.enum(['seed', 'import', 'edit']).describe('where the day’s setting comes from: the chinese-days seed (or the weekday rule), an import, an admin’s edit'),
});
export type TCalendarDay = z.infer<typeof ZCalendarDay>;

export const ZCalendarYear = z.object({
  year: z.number().int(),
  hasData: z.boolean().describe('false: no official schedule for the year; its days are only the weekday/weekend guess and deadlines in it are provisional'),
  days: z.array(ZCalendarDay),
});
export type TCalendarYear = z.infer<typeof ZCalendarYear>;

export const ZCalendarImportRequest = z.object({
  format: z.enum(CALENDAR_IMPORT_FORMATS).describe('holiday_cn: the holiday-cn JSON {year, days:[{name, date, isOffDay}]}; ics: an iCalendar file of all-day events'),
  content: z.string().max(500_000).describe('the file’s text (a year’s schedule is a few kilobytes)'),
});
export type TCalendarImportRequest = z.infer<typeof ZCalendarImportRequest>;

export const ZCalendarImportResult = z.object({
  years: z.array(z.number().int()).describe('the years whose schedule was imported'),
  days: z.number().int().describe('how many days the schedules set'),
  recomputedCases: z.number().int().describe('open cases whose regulatory deadline moved or stopped being provisional'),
});
export type TCalendarImportResult = z.infer<typeof ZCalendarImportResult>;

export const ZCalendarDayUpdate = z.object({
  offDay: z.boolean(),
  name: z.string().trim().min(1).max(100).nullable().default(null).describe('required when the day departs from the weekday/weekend rule'),
});
export type TCalendarDayUpdate = z.infer<typeof ZCalendarDayUpdate>;

export const ZCalendarDayResult = z.object({
  day: ZCalendarDay,
  recomputedCases: z.number().int(),
});
export type TCalendarDayResult = z.infer<typeof ZCalendarDayResult>;

export const ZWorkingHoursView = z.object({
  orgUnitId: ZId,
  hours: z.array(ZWorkingWindow),
  own: z.boolean().describe('true when the unit has hours of its own; false when it inherits them'),
  inheritedFrom: z
    .object({ id: ZId, name: z.string() })
    .nullable()
    .describe('the ancestor whose hours apply (when not own); null: the institution default'),
});
export type TWorkingHoursView = z.infer<typeof ZWorkingHoursView>;

export const ZWorkingHoursUpdate = z.object({
  hours: z
    .array(ZWorkingWindow)
    .max(12)
    .nullable()
    .describe('windows like 09:00–12:00 and 13:30–17:30, in order and not overlapping; null: inherit the parent’s hours again'),
});
export type TWorkingHoursUpdate = z.infer<typeof ZWorkingHoursUpdate>;
