import { Alert, Flex, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { TemplateLocale } from '@loopdesk/core';
import { useCurrentUser } from '@/lib/auth';
import { useReviewWindowDays } from '../api';
import { previewTemplate } from '../sample-values';

/** The body as a case would fill it, with sample values and the institution's review window. */
export function TemplatePreview({ body, locale }: { body: string; locale: TemplateLocale }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const reviewDays = useReviewWindowDays();
  const text = previewTemplate(body, locale, { institutionName: me.institutionName, today: dayjs().format('YYYY-MM-DD'), reviewDays });
  return (
    <Flex vertical gap={8}>
      <div
        data-testid="template-preview"
        style={{ whiteSpace: 'pre-wrap', minHeight: 272, padding: '4px 11px', border: '1px solid #f0f0f0', borderRadius: 4, background: '#fafafa', lineHeight: 1.5714 }}
      >
        {text}
      </div>
      <Typography.Text type="secondary">{t('templateAdmin.field.previewHint')}</Typography.Text>
      {reviewDays === null && <Alert type="info" showIcon title={t('templateAdmin.field.previewNoReview')} />}
    </Flex>
  );
}
