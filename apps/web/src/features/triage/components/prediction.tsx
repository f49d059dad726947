import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ClassifiedField, FieldPrediction, TCategory } from '@loopdesk/core';
import { currentLanguage } from '@/i18n';

/** A predicted label as a person reads it: the vocabulary's name, or the category's. */
export function useLabelText(categories: readonly TCategory[] | undefined) {
  const { t } = useTranslation();
  return (field: ClassifiedField, label: string): string => {
    if (field === 'kind') return t(`caseKind.${label}`);
    if (field === 'businessLine') return t(`businessLine.${label}`);
    if (field === 'jrCause') return t(`jrCause.${label}`);
    const category = categories?.find((c) => c.code === label);
    if (!category) return label;
    return currentLanguage() === 'en' ? category.nameEn : category.nameZh;
  };
}

/** One field's prediction: label, confidence, source, whether it was applied, and the words behind it. */
export function PredictionLine({ field, prediction, categories }: { field: ClassifiedField; prediction: FieldPrediction | undefined; categories: readonly TCategory[] | undefined }) {
  const { t } = useTranslation();
  const labelText = useLabelText(categories);
  return (
    <Flex gap={6} wrap align="center" data-testid={`prediction-${field}`} data-label={prediction?.label ?? ''}>
      <Typography.Text type="secondary">{t(`triage.field.${field}`)}:</Typography.Text>
      {!prediction ? (
        <Typography.Text type="secondary">{t('triage.noPrediction')}</Typography.Text>
      ) : (
        <>
          <Typography.Text strong>{labelText(field, prediction.label)}</Typography.Text>
          {prediction.source !== 'person' && <Typography.Text type="secondary">{t('triage.confidence', { pct: Math.round(prediction.confidence * 100) })}</Typography.Text>}
          <Tag color={prediction.source === 'person' ? 'green' : prediction.source === 'model' ? 'blue' : 'default'}>
            {t(`triage.source.${prediction.source}`, { version: prediction.modelVersion ?? '' })}
          </Tag>
          {prediction.source !== 'person' && <Tag color={prediction.applied ? 'success' : 'warning'}>{prediction.applied ? t('triage.applied') : t('triage.suggested')}</Tag>}
          {prediction.terms.length > 0 && (
            <Typography.Text type="secondary">
              {t('triage.terms')}: {prediction.terms.slice(0, 5).join('、')}
            </Typography.Text>
          )}
        </>
      )}
    </Flex>
  );
}
