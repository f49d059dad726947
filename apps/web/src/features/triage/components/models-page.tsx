import { App, Button, Card, Flex, Form, InputNumber, Popconfirm, Table, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClassifiedField, TTriageModel } from '@loopdesk/core';
import { formatShortDateTime } from '@/lib/format';
import { useActivateModel, useModels, useRetrain, useTriageSettings, useUpdateTriageSettings } from '../api';

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

/** Model versions with their held-out evaluation; any kept version can be made the active one again. */
export function ModelsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data, isFetching, refetch } = useModels();
  const activate = useActivateModel();
  const retrain = useRetrain();
  return (
    <Flex vertical gap={16}>
      <SettingsCard />
      <Card
        title={t('triage.models')}
        extra={
          <Flex gap={8}>
            <Button onClick={() => void refetch()}>{t('common.refresh')}</Button>
            <Button
              type="primary"
              id="models-retrain"
              loading={retrain.isPending}
              onClick={() => void retrain.mutateAsync().then(() => message.success(t('triage.retrainQueued')), () => undefined)}
            >
              {t('triage.retrain')}
            </Button>
          </Flex>
        }
      >
        <Flex vertical gap={16}>
          <Typography.Text type="secondary">{t('triage.modelsHint')}</Typography.Text>
          <Table<TTriageModel>
            id="models-table"
            rowKey="id"
            loading={isFetching}
            dataSource={data ?? []}
            locale={{ emptyText: t('triage.noModels') }}
            pagination={false}
            onRow={(m) => ({ 'data-version': m.version }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('triage.version'), dataIndex: 'version', width: 90, render: (v: number, m) => <Flex gap={6}>{`v${v}`}{m.active && <Tag color="green">{t('triage.active')}</Tag>}</Flex> },
              { title: t('triage.reasonLabel'), dataIndex: 'reason', width: 120, render: (r: string) => t(`triage.reasonValue.${r}`, { defaultValue: r }) },
              { title: t('triage.trainedOn'), dataIndex: 'trainedOn', width: 90 },
              { title: t('triage.trainedAt'), dataIndex: 'createdAt', width: 140, render: (v: string) => formatShortDateTime(v) },
              {
                title: t('triage.evaluation'),
                key: 'evaluation',
                render: (_v, m) => (
                  <Flex vertical>
                    {(Object.entries(m.evaluation) as [ClassifiedField, NonNullable<TTriageModel['evaluation'][ClassifiedField]>][]).map(([field, e]) => (
                      <Typography.Text key={field}>
                        {e.accuracy === null
                          ? t('triage.evalNone', { field: t(`triage.field.${field}`), n: e.examples })
                          : t('triage.evalLine', { field: t(`triage.field.${field}`), accuracy: pct(e.accuracy), f1: pct(e.macroF1), n: e.examples })}
                      </Typography.Text>
                    ))}
                  </Flex>
                ),
              },
              {
                title: t('common.actions'),
                key: 'actions',
                width: 160,
                render: (_v, m) =>
                  !m.active && (
                    <Popconfirm
                      title={t('triage.activate')}
                      okButtonProps={{ id: `model-activate-confirm-v${m.version}` }}
                      onConfirm={() => activate.mutateAsync(m.id).then(() => message.success(t('triage.activated', { version: `v${m.version}` })))}
                    >
                      <Button size="small" id={`model-activate-v${m.version}`}>
                        {t('triage.activate')}
                      </Button>
                    </Popconfirm>
                  ),
              },
            ]}
          />
        </Flex>
      </Card>
    </Flex>
  );
}

/** The review threshold (below it a new case waits for a person) and the retraining delay. */
function SettingsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data } = useTriageSettings();
  const update = useUpdateTriageSettings();
  const [form] = Form.useForm<{ reviewThreshold: number; retrainDelaySeconds: number }>();
  useEffect(() => {
    if (data) form.setFieldsValue({ reviewThreshold: data.reviewThreshold, retrainDelaySeconds: data.retrainDelaySeconds });
  }, [data, form]);
  const save = async () => {
    if (!data) return;
    const values = await form.validateFields();
    await update.mutateAsync({ version: data.version, ...values });
    void message.success(t('triage.settingsSaved'));
  };
  return (
    <Card title={t('triage.settings')}>
      <Form form={form} layout="inline" onFinish={() => void save()}>
        <Form.Item name="reviewThreshold" label={t('triage.reviewThreshold')} tooltip={t('triage.reviewThresholdHint')} rules={[{ required: true }]}>
          <InputNumber id="settings-threshold" min={0} max={100} suffix="%" />
        </Form.Item>
        <Form.Item name="retrainDelaySeconds" label={t('triage.retrainDelay')} rules={[{ required: true }]}>
          <InputNumber id="settings-delay" min={1} max={86400} suffix={t('triage.seconds')} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" id="settings-save" loading={update.isPending}>
            {t('common.save')}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
