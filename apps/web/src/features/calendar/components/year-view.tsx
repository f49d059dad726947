import type { CSSProperties } from 'react';
import { Card, Col, Row } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { TCalendarDay } from '@loopdesk/core';
import { dayLook, monthGrid, type DayLook } from '../month-grid';

const LOOKS: Record<DayLook, CSSProperties> = {
  working: { background: '#fff', color: 'rgba(0,0,0,0.88)' },
  weekend: { background: '#fafafa', color: '#cf1322' },
  holiday: { background: '#fff1f0', color: '#cf1322', fontWeight: 600 },
  swapped_working: { background: '#fff7e6', color: '#d46b08', boxShadow: 'inset 0 0 0 1px #fa8c16' },
};

const CELL: CSSProperties = {
  width: '100%',
  minHeight: 40,
  border: 'none',
  borderRadius: 4,
  padding: '2px 0',
  lineHeight: 1.2,
  font: 'inherit',
  fontSize: 12,
  display: 'flex',
  flexDirection: 'column',
  alignItems: 'center',
  justifyContent: 'flex-start',
};

/** A swatch of a day's look, for the legend. */
export function DayLookSwatch({ look, label }: { look: DayLook; label: string }) {
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
      <span style={{ ...LOOKS[look], display: 'inline-block', width: 16, height: 16, borderRadius: 3, border: '1px solid #d9d9d9' }} />
      {label}
    </span>
  );
}

/** Twelve month grids, Monday first; rest days, holidays with their names and 调休 working days drawn apart. */
export function YearView({ year, days, onDayClick }: { year: number; days: readonly TCalendarDay[]; onDayClick?: (day: TCalendarDay) => void }) {
  const { t } = useTranslation();
  const weekdays = t('calendar.weekdays').split(' ');
  const describe = (day: TCalendarDay) =>
    [day.date, t(`calendar.look.${dayLook(day)}`), day.name, day.source === 'edit' ? t('calendar.source.edit') : null].filter(Boolean).join(' · ');

  return (
    <Row gutter={[12, 12]} id="calendar-year">
      {Array.from({ length: 12 }, (_, i) => i + 1).map((month) => (
        <Col key={month} xs={24} sm={12} lg={8} xxl={6}>
          <Card size="small" title={dayjs(`${year}-${String(month).padStart(2, '0')}-01`).format(t('calendar.monthFormat'))} data-testid={`calendar-month-${month}`}>
            <table style={{ width: '100%', borderCollapse: 'separate', borderSpacing: 2, tableLayout: 'fixed' }}>
              <thead>
                <tr>
                  {weekdays.map((w, i) => (
                    <th key={w} style={{ fontWeight: 400, fontSize: 12, color: i >= 5 ? '#cf1322' : 'rgba(0,0,0,0.45)' }}>
                      {w}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {monthGrid(year, month, days).map((week, w) => (
                  <tr key={w}>
                    {week.map((day, d) =>
                      day ? (
                        <td key={day.date} style={{ padding: 0, verticalAlign: 'top' }}>
                          <button
                            type="button"
                            data-testid={`calendar-day-${day.date}`}
                            data-look={dayLook(day)}
                            title={describe(day)}
                            aria-label={describe(day)}
                            disabled={!onDayClick}
                            onClick={() => onDayClick?.(day)}
                            style={{
                              ...CELL,
                              ...LOOKS[dayLook(day)],
                              cursor: onDayClick ? 'pointer' : 'default',
                              outline: day.source === 'edit' ? '1px dashed #1677ff' : undefined,
                            }}
                          >
                            <span>{Number(day.date.slice(8))}</span>
                            {dayLook(day) === 'swapped_working' && <span data-testid="swapped-mark">{t('calendar.swappedMark')}</span>}
                            {dayLook(day) === 'holiday' && (
                              <span style={{ fontSize: 10, maxWidth: '100%', overflow: 'hidden', whiteSpace: 'nowrap', textOverflow: 'ellipsis' }}>{day.name}</span>
                            )}
                          </button>
                        </td>
                      ) : (
                        <td key={`blank-${d}`} />
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
        </Col>
      ))}
    </Row>
  );
}
