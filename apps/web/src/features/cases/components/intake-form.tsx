import { useState } from 'react';
import { Alert, Button, Divider, Form, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TIntakeAck } from '@loopdesk/core';
import { isApiError } from '@/lib/api';
import { errorMessage, placeFieldErrors } from '@/lib/errors';
import { useIntake } from '../api';
import { toIntakeBody, type IntakeValues } from '../intake';
import { IntakeClassificationFields } from './intake-classification-fields';
import { IntakeContentFields } from './intake-content-fields';
import { IntakeSourceFields } from './intake-source-fields';

const INITIAL: Partial<IntakeValues> = { channel: 'hotline', kind: 'complaint', priority: 'P3', riskFlags: [], staffComplainedAbout: [] };

/** The staff entry form for offline channels; the server's field problems land on their fields. */
export function IntakeForm({ onRegistered }: { onRegistered: (ack: TIntakeAck) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<IntakeValues>();
  const intake = useIntake();
  const [problem, setProblem] = useState<string>();
  // The server's clock decides back-dating; when it asks for a reason the field appears.
  const [forceBackDateReason, setForceBackDateReason] = useState(false);

  const submit = (values: IntakeValues) => {
    setProblem(undefined);
    intake.mutate(toIntakeBody(values, new Date()), {
      onSuccess: onRegistered,
      onError: (error) => {
        if (!forceBackDateReason && isApiError(error) && error.fields.some((f) => f.field === 'backDateReason')) {
          setForceBackDateReason(true);
          setProblem(t('fieldErrors.backDateReason'));
          return;
        }
        const { placed, unplaced } = placeFieldErrors(form, error);
        if (placed === 0) setProblem(unplaced[0] ?? errorMessage(error));
      },
    });
  };

  return (
    <Form form={form} layout="vertical" name="intake" initialValues={INITIAL} onFinish={submit} scrollToFirstError>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} id="intake-problem" />}
      <Divider titlePlacement="start">{t('intake.sectionSource')}</Divider>
      <IntakeSourceFields forceBackDateReason={forceBackDateReason} />
      <Divider titlePlacement="start">{t('intake.sectionContent')}</Divider>
      <IntakeContentFields />
      <Divider titlePlacement="start">{t('intake.sectionClassification')}</Divider>
      <IntakeClassificationFields />
      <Space>
        <Button id="intake-submit" type="primary" htmlType="submit" loading={intake.isPending}>
          {t('intake.submit')}
        </Button>
        <Button htmlType="button" onClick={() => form.resetFields()}>
          {t('common.reset')}
        </Button>
      </Space>
    </Form>
  );
}
