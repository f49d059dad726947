import { useState } from 'react';
import { Alert, Button, Card, Space, Spin, Typography } from 'antd';
import { ImportOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { TCalendarDay } from '@loopdesk/core';
import { errorMessage } from '@/lib/errors';
import { useCan } from '@/lib/auth';
import { useCalendarYear } from '../api';
import { DayModal } from './day-modal';
import { ImportModal } from './import-modal';
import { DayLookSwatch, YearView } from './year-view';
import { WorkingHoursCard } from './working-hours-card';

/** 工作日历: the year view of the institution's business calendar, imports, day edits and working hours. */
export function CalendarPage() {
  const { t } = useTranslation();
  const canManage = useCan('calendar.manage');
  const [params, setParams] = useSearchParams();
  const fromUrl = Number(params.get('year'));
  const year = Number.isInteger(fromUrl) && fromUrl >= 1900 && fromUrl <= 2200 ? fromUrl : dayjs().year();
  const setYear = (y: number) => setParams({ year: String(y) }, { replace: true });
  const { data, isLoading, error } = useCalendarYear(year);
  const [importing, setImporting] = useState(false);
  const [editing, setEditing] = useState<TCalendarDay>();

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <Button icon={<LeftOutlined />} aria-label={t('calendar.previousYear')} id="calendar-prev-year" onClick={() => setYear(year - 1)} />
            <Typography.Text strong id="calendar-year-title" style={{ fontSize: 18 }}>
              {t('calendar.yearTitle', { year })}
            </Typography.Text>
            <Button icon={<RightOutlined />} aria-label={t('calendar.nextYear')} id="calendar-next-year" onClick={() => setYear(year + 1)} />
          </Space>
        }
        extra={
          canManage && (
            <Button type="primary" icon={<ImportOutlined />} id="calendar-import" onClick={() => setImporting(true)}>
              {t('calendar.import.open')}
            </Button>
          )
        }
      >
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {data && !data.hasData && (
            <Alert
              type="warning"
              showIcon
              id="calendar-no-data"
              title={t('calendar.noData', { year })}
              description={t(canManage ? 'calendar.noDataHintAdmin' : 'calendar.noDataHint')}
            />
          )}
          {error && <Alert type="error" showIcon title={errorMessage(error)} />}
          <Space wrap size="large">
            <DayLookSwatch look="working" label={t('calendar.look.working')} />
            <DayLookSwatch look="weekend" label={t('calendar.look.weekend')} />
            <DayLookSwatch look="holiday" label={t('calendar.look.holiday')} />
            <DayLookSwatch look="swapped_working" label={`${t('calendar.look.swapped_working')} (${t('calendar.swappedMark')})`} />
            {canManage && <Typography.Text type="secondary">{t('calendar.clickHint')}</Typography.Text>}
          </Space>
          {isLoading && <Spin />}
          {data && <YearView year={data.year} days={data.days} {...(canManage ? { onDayClick: setEditing } : {})} />}
        </Space>
      </Card>
      <WorkingHoursCard canManage={canManage} />
      {importing && (
        <ImportModal
          onClose={(result) => {
            setImporting(false);
            const first = result?.years[0];
            if (first !== undefined && !result?.years.includes(year)) setYear(first);
          }}
        />
      )}
      {editing && <DayModal day={editing} onClose={() => setEditing(undefined)} />}
    </Space>
  );
}
