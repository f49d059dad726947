import { z } from 'zod';
// chinese-days ships its whole schedule as JSON (dist/chinese-days.json); the package's own
// functions parse dates with its dayjs copy, which the calendar maths has no use for.
import chineseDaysData from 'chinese-days/dist/chinese-days.json';
import { BusinessCalendar, type TYearSchedule } from './calendar';
import type { CivilDate } from './civil-date';

// { holidays: { '2026-10-01': "National Day,国庆节,3" }, workdays: { '2026-10-10': … }, inLieuDays }
// holidays are rest days, workdays the swapped working days; inLieuDays (调休 rest days) are
// already among the holidays. The value is "English name,中文名,number of days".
const ZChineseDaysData = z.object({
  holidays: z.record(z.string(), z.string()),
  workdays: z.record(z.string(), z.string()),
});

/** The State Council schedules that the `chinese-days` package knows, one per year. */
export function chineseDaysSchedules(): TYearSchedule[] {
  const data = ZChineseDaysData.parse(chineseDaysData);
  const byYear = new Map<number, TYearSchedule>();
  const add = (entries: Record<CivilDate, string>, kind: 'holiday' | 'working_day') => {
    for (const [date, label] of Object.entries(entries)) {
      const year = Number(date.slice(0, 4));
      const schedule = byYear.get(year) ?? { year, days: [] };
      schedule.days.push({ date, kind, name: label.split(',')[1] ?? label });
      byYear.set(year, schedule);
    }
  };
  add(data.holidays, 'holiday');
  add(data.workdays, 'working_day');
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

let seeded: BusinessCalendar | undefined;

/** The mainland China business calendar seeded from `chinese-days` (built once, then shared: it is immutable). */
export function chinaBusinessCalendar(): BusinessCalendar {
  seeded ??= BusinessCalendar.empty().withSchedules(chineseDaysSchedules());
  return seeded;
}
