import { useState, type HTMLAttributes } from 'react';
import { Alert, App, Button, Card, Descriptions, Flex, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TCaseDetail, TCaseExclusion, TCaseExtension, TRegulatoryClock } from '@loopdesk/core';
import { errorMessage } from '@/lib/errors';
import { formatDeadline, formatShortDateTime } from '@/lib/format';
import { useUserNames } from '@/lib/users-lookup';
import { useDecideExtension, useEndExclusion, useRegulatoryClock } from '../api';
import { ExclusionNoticeModal, ExclusionStartModal, ExtensionRequestModal, NewFactsModal } from './regulatory-modals';

const STATE_COLORS: Record<TRegulatoryClock['state'], string> = { running: 'blue', suspended: 'gold', none: 'default' };
const EXTENSION_COLORS: Record<TCaseExtension['status'], string> = { requested: 'processing', approved: 'green', rejected: 'default' };

/**
 * The regulatory clock of a case: the deadline (or its suspension), the extension history with
 * the buttons the caller may use, the periods not counted, and new facts.
 */
export function RegulatoryClockPanel({ detail }: { detail: TCaseDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const nameOf = useUserNames();
  const { data: clock, error } = useRegulatoryClock(detail.id, detail.version);
  const version = clock?.version ?? detail.version;
  const decide = useDecideExtension(detail.id, version);
  const end = useEndExclusion(detail.id, version);
  const [open, setOpen] = useState<'extension' | 'exclusion' | 'facts'>();
  const [noticeFor, setNoticeFor] = useState<string>();

  const settled = detail.clocks.find((c) => c.clock === 'regulatory' && (c.status === 'met' || c.status === 'breached'));
  if (error) return <Alert type="error" title={errorMessage(error)} />;
  if (!clock) return <Card loading title={t('regulatory.title')} />;

  const levelText = (level: number) => {
    const found = clock.ruleSet.extensionLevels.find((l) => l.level === level);
    if (!found) return String(level);
    const name = t(`regulatory.levelName.${found.id}`, { defaultValue: found.id });
    return t('regulatory.level', { level, name, days: found.limitDays });
  };
  const nextLevel = clock.extensions.filter((e) => e.status === 'approved').length + 1;
  const onDone = (text: string) => ({ onSuccess: () => void message.success(text), onError: (e: unknown) => void message.error(errorMessage(e)) });

  return (
    <Card
      title={t('regulatory.title')}
      id="regulatory-clock"
      extra={
        // Once answered (or past due) the deadline is settled: the state the clocks table shows, not "running".
        settled ? (
          <Tag color={settled.status === 'met' ? 'green' : 'red'} data-testid="regulatory-state" data-state={settled.status}>
            {t(`sla.status.${settled.status}`)}
          </Tag>
        ) : (
          <Tag color={STATE_COLORS[clock.state]} data-testid="regulatory-state" data-state={clock.state}>
            {t(`regulatory.state.${clock.state}`)}
          </Tag>
        )
      }
    >
      <Flex vertical gap={16}>
        {clock.state === 'none' ? (
          <Typography.Text type="secondary">{t('regulatory.notCovered')}</Typography.Text>
        ) : (
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('regulatory.due')}>
              <span data-testid="regulatory-due" data-due={clock.dueAt ?? ''}>
                {clock.state === 'suspended' ? t('regulatory.suspendedSince', { at: formatShortDateTime(clock.suspendedSince) }) : formatDeadline(clock.dueAt)}
              </span>
              {clock.provisional && <Typography.Text type="warning"> {t('regulatory.provisional')}</Typography.Text>}
            </Descriptions.Item>
            {clock.daysAllowed !== null && (
              <Descriptions.Item label={t('regulatory.limit')}>
                {t('regulatory.daysAllowed', { days: clock.daysAllowed })}
                {clock.excludedDays ? ` · ${t('regulatory.excludedDays', { days: clock.excludedDays })}` : ''}
              </Descriptions.Item>
            )}
            {clock.newFactsAt && <Descriptions.Item label={t('regulatory.newFactsAt')}>{formatShortDateTime(clock.newFactsAt)}</Descriptions.Item>}
          </Descriptions>
        )}

        <div>
          <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
            <Typography.Text strong>{t('regulatory.extensions')}</Typography.Text>
            {clock.may.requestExtension && (
              <Button size="small" data-testid="extension-request" onClick={() => setOpen('extension')}>
                {t('regulatory.requestExtension')}
              </Button>
            )}
          </Flex>
          <Table<TCaseExtension>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={clock.extensions}
            locale={{ emptyText: t('regulatory.noExtensions') }}
            onRow={(e) => ({ 'data-testid': 'extension', 'data-status': e.status, 'data-level': e.level } as HTMLAttributes<HTMLElement>)}
            columns={[
              {
                title: t('regulatory.reason'),
                dataIndex: 'reason',
                render: (reason: string, e) => (
                  <Space orientation="vertical" size={0}>
                    <Typography.Text>{levelText(e.level)}</Typography.Text>
                    <Typography.Text type="secondary">{reason}</Typography.Text>
                    <Typography.Text type="secondary">
                      {t('regulatory.requestedBy')}: {nameOf(e.requestedBy) ?? t('cases.someone')} · {formatShortDateTime(e.requestedAt)}
                    </Typography.Text>
                    {e.decisionNote && <Typography.Text type="secondary">{t('regulatory.decisionNote')}: {e.decisionNote}</Typography.Text>}
                  </Space>
                ),
              },
              {
                title: t('tasks.status'),
                dataIndex: 'status',
                render: (s: TCaseExtension['status'], e) => (
                  <Space orientation="vertical" size={0}>
                    <Tag color={EXTENSION_COLORS[s]}>{t(`regulatory.extensionStatus.${s}`)}</Tag>
                    {e.newDueAt && <Typography.Text type="secondary">{t('regulatory.newDue')}: {formatDeadline(e.newDueAt)}</Typography.Text>}
                  </Space>
                ),
              },
              {
                title: t('common.actions'),
                key: 'actions',
                render: (_v, e) =>
                  e.mayDecide ? (
                    <Space size={0}>
                      <Button type="link" size="small" data-testid="extension-approve" loading={decide.isPending} onClick={() => decide.mutate({ extensionId: e.id, decision: 'approve' }, onDone(t('regulatory.approved')))}>
                        {t('regulatory.approve')}
                      </Button>
                      <Button type="link" size="small" danger data-testid="extension-reject" loading={decide.isPending} onClick={() => decide.mutate({ extensionId: e.id, decision: 'reject' }, onDone(t('regulatory.rejected')))}>
                        {t('regulatory.reject')}
                      </Button>
                    </Space>
                  ) : null,
              },
            ]}
          />
        </div>

        <div>
          <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
            <Typography.Text strong>{t('regulatory.exclusions')}</Typography.Text>
            {clock.may.work && clock.ruleSet.exclusionKinds.length > 0 && !clock.exclusions.some((x) => x.endAt === null) && (
              <Button size="small" data-testid="exclusion-start" onClick={() => setOpen('exclusion')}>
                {t('regulatory.startExclusion')}
              </Button>
            )}
          </Flex>
          <Table<TCaseExclusion>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={clock.exclusions}
            locale={{ emptyText: t('regulatory.noExclusions') }}
            onRow={(x) => ({ 'data-testid': 'exclusion', 'data-open': x.endAt === null ? 'true' : 'false' } as HTMLAttributes<HTMLElement>)}
            columns={[
              {
                title: t('regulatory.kind'),
                dataIndex: 'kind',
                render: (kind: TCaseExclusion['kind'], x) => (
                  <Space orientation="vertical" size={0}>
                    <Typography.Text>{t(`regulatory.exclusionKind.${kind}`)}</Typography.Text>
                    {x.note && <Typography.Text type="secondary">{x.note}</Typography.Text>}
                    {x.noticeSentAt ? (
                      <Typography.Text type="secondary">{t('regulatory.noticeSent', { at: formatShortDateTime(x.noticeSentAt) })}</Typography.Text>
                    ) : (
                      !x.counts && <Typography.Text type="warning">{t('regulatory.notCounted')}</Typography.Text>
                    )}
                  </Space>
                ),
              },
              { title: t('regulatory.startAt'), dataIndex: 'startAt', render: (v: string) => formatShortDateTime(v) },
              { title: t('regulatory.endAt'), dataIndex: 'endAt', render: (v: string | null) => (v ? formatShortDateTime(v) : t('regulatory.ongoing')) },
              {
                title: t('common.actions'),
                key: 'actions',
                render: (_v, x) =>
                  clock.may.work ? (
                    <Space size={0}>
                      {x.endAt === null && (
                        <Button type="link" size="small" data-testid="exclusion-end" loading={end.isPending} onClick={() => end.mutate({ exclusionId: x.id }, onDone(t('regulatory.exclusionEnded')))}>
                          {t('regulatory.endExclusion')}
                        </Button>
                      )}
                      {!x.counts && x.noticeSentAt === null && (
                        <Button type="link" size="small" data-testid="exclusion-notice" onClick={() => setNoticeFor(x.id)}>
                          {t('regulatory.recordNotice')}
                        </Button>
                      )}
                    </Space>
                  ) : null,
              },
            ]}
          />
        </div>

        {clock.may.work && (
          <div>
            <Button size="small" data-testid="new-facts" onClick={() => setOpen('facts')}>
              {t('regulatory.newFacts')}
            </Button>
          </div>
        )}
      </Flex>
      {open === 'extension' && <ExtensionRequestModal caseId={detail.id} version={version} level={nextLevel} levelText={levelText(nextLevel)} higher={clock.ruleSet.extensionLevels.find((l) => l.level === nextLevel)?.approval === 'higher_level'} onClose={() => setOpen(undefined)} />}
      {open === 'exclusion' && <ExclusionStartModal caseId={detail.id} version={version} kinds={clock.ruleSet.exclusionKinds} onClose={() => setOpen(undefined)} />}
      {noticeFor && <ExclusionNoticeModal caseId={detail.id} version={version} exclusionId={noticeFor} onClose={() => setNoticeFor(undefined)} />}
      {open === 'facts' && <NewFactsModal caseId={detail.id} version={version} onClose={() => setOpen(undefined)} />}
    </Card>
  );
}
