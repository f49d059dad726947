import { Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TCaseClock, TCaseDetail } from '@loopdesk/core';
import { formatDeadline } from '@/lib/format';

const STATUS_COLORS: Record<TCaseClock['status'], string> = { running: 'blue', paused: 'gold', warning: 'orange', breached: 'red', met: 'green' };
const ORDER: Record<TCaseClock['clock'], number> = { first_response: 0, next_response: 1, resolution: 2, regulatory: 3 };

/** Every clock of the case: the SLA targets and the regulatory deadline, each with its state and due time. */
export function CaseClocks({ detail }: { detail: TCaseDetail }) {
  const { t } = useTranslation();
  // The status column says 预警 or 已超时; the level adds how far a warning has gone (a breach needs no more).
  const levelText = (level: string | null) => {
    const warning = level ? /^warning_(\d+)$/.exec(level) : null;
    return warning ? t('sla.levelReached', { n: warning[1] }) : null;
  };
  const clocks = [...detail.clocks].sort((a, b) => ORDER[a.clock] - ORDER[b.clock]);
  if (clocks.length === 0) return <Typography.Text type="secondary">{t('sla.noClocks')}</Typography.Text>;
  return (
    <Table<TCaseClock>
      size="small"
      pagination={false}
      rowKey="clock"
      id="case-clocks"
      dataSource={clocks}
      columns={[
        { title: t('sla.clocksTitle'), dataIndex: 'clock', render: (c: TCaseClock['clock']) => t(`sla.clock.${c}`) },
        {
          title: t('cases.status'),
          dataIndex: 'status',
          render: (_v, c) => (
            <span data-testid="case-clock" data-clock={c.clock} data-status={c.status}>
              <Tag color={STATUS_COLORS[c.status]}>{t(`sla.status.${c.status}`)}</Tag>
              {levelText(c.level) && <Typography.Text type="secondary">{levelText(c.level)}</Typography.Text>}
            </span>
          ),
        },
        { title: t('sla.dueColumn'), dataIndex: 'dueAt', render: (d: string | null) => (d ? formatDeadline(d) : t('common.none')) },
        { title: t('sla.rule'), dataIndex: 'rule', render: (r: string | null) => r ?? t('common.none'), responsive: ['md'] },
      ]}
    />
  );
}
