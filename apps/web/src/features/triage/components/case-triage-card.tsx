import { Button, Card, Empty, Flex, List, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CLASSIFIED_FIELDS, FINAL_STATUSES, type TCaseDetail } from '@loopdesk/core';
import { useCan } from '@/lib/auth';
import { useCategories, useMergeSuggestions } from '../api';
import { ClassifyModal } from './classify-modal';
import { PredictionLine } from './prediction';

/** On the case page: what triage predicted (source, confidence, terms) and the similar open cases. */
export function CaseTriageCard({ detail }: { detail: TCaseDetail }) {
  const { t } = useTranslation();
  const canWork = useCan('cases.work');
  const { data: categories } = useCategories();
  const { data: suggestions } = useMergeSuggestions(detail.id);
  const [open, setOpen] = useState(false);
  const editable = canWork && !FINAL_STATUSES.includes(detail.status);
  return (
    <Card
      id="case-triage"
      title={t('triage.predictions')}
      size="small"
      extra={
        editable && (
          <Button size="small" id="case-classify" onClick={() => setOpen(true)}>
            {t('triage.correct')}
          </Button>
        )
      }
    >
      <Flex vertical gap={4}>
        {CLASSIFIED_FIELDS.map((f) => (
          <PredictionLine key={f} field={f} prediction={detail.classification?.[f]} categories={categories} />
        ))}
      </Flex>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('triage.mergeSuggestions')}
      </Typography.Title>
      {suggestions && suggestions.length > 0 ? (
        <List
          id="merge-suggestions"
          size="small"
          dataSource={suggestions}
          renderItem={(s) => (
            <List.Item data-case-id={s.caseId}>
              <Flex vertical gap={2}>
                <Flex gap={8} align="center" wrap>
                  <Link to={`/cases/${s.caseId}`}>{s.number}</Link>
                  <Tag color="orange">{t('triage.similarity', { pct: Math.round(s.score * 100) })}</Tag>
                  {s.sameCustomer && <Tag color="red">{t('triage.sameCustomer')}</Tag>}
                </Flex>
                <Typography.Text type="secondary">{s.title}</Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('triage.noSuggestions')} />
      )}
      <ClassifyModal target={open ? detail : null} categories={categories} onClose={() => setOpen(false)} onDone={() => setOpen(false)} />
    </Card>
  );
}
