import { Alert, Button } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCan } from '@/lib/auth';
import { useCalendarYear } from '../api';

/** The admin's warning on the overview: this year or the coming one has no official schedule yet. */
export function CalendarWarning() {
  const { t } = useTranslation();
  const canManage = useCan('calendar.manage');
  const navigate = useNavigate();
  const current = dayjs().year();
  const thisYear = useCalendarYear(current, canManage);
  const nextYear = useCalendarYear(current + 1, canManage);
  const missing = [thisYear.data, nextYear.data].find((y) => y && !y.hasData);
  if (!canManage || !missing) return null;
  return (
    <Alert
      type="warning"
      showIcon
      id="overview-calendar-warning"
      title={t('calendar.noData', { year: missing.year })}
      description={t('calendar.overviewWarning')}
      action={
        <Button size="small" onClick={() => void navigate(`/admin/calendar?year=${missing.year}`)} data-testid="overview-calendar-open">
          {t('calendar.open')}
        </Button>
      }
    />
  );
}
