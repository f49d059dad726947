import dayjs, { type Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import { i18n } from '@/i18n';

dayjs.extend(utc);
dayjs.extend(timezone);

// Times are shown in the institution's zone (deadlines are counted in it), not the browser's.
let displayZone: string | undefined;

/** Sets the zone every formatted time is shown in (the signed-in institution's). */
export function setDisplayTimeZone(zone: string | undefined): void {
  displayZone = zone;
}

function inZone(iso: string): Dayjs {
  return displayZone ? dayjs(iso).tz(displayZone) : dayjs(iso);
}

/** A timestamp as staff read it, in the institution's time zone. */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? inZone(iso).format('YYYY-MM-DD HH:mm:ss') : '—';
}

/** A short timestamp without seconds, for tables. */
export function formatShortDateTime(iso: string | null | undefined): string {
  return iso ? inZone(iso).format('YYYY-MM-DD HH:mm') : '—';
}

/**
 * A deadline in the current language's long form ('2026年12月7日 24:00'). Regulatory deadlines
 * end at 24:00 of their last day; midnight is shown as 24:00 of the day before, as the rule says it.
 */
export function formatDeadline(iso: string | null | undefined): string {
  if (!iso) return '—';
  const at = inZone(iso);
  const endOfDay = at.hour() === 0 && at.minute() === 0 && at.second() === 0;
  const day = endOfDay ? at.subtract(1, 'day') : at;
  return `${day.format(i18n.t('format.longDate'))} ${endOfDay ? '24:00' : at.format('HH:mm')}`;
}

/** An amount in yuan with thousands separators. */
export function formatYuan(amount: number | null | undefined): string {
  if (amount === null || amount === undefined) return '—';
  return i18n.t('format.yuan', { amount: amount.toLocaleString('zh-CN') });
}
