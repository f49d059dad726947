import dayjs from 'dayjs';

/** A timestamp as staff read it, in the browser's time zone. */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : '—';
}
