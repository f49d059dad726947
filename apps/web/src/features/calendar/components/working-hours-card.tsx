import { useState } from 'react';
import { App, Button, Card, Empty, Form, Input, Space, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TWorkingWindow } from '@loopdesk/core';
import { OrgUnitTreeSelect } from '@/components/org-unit-tree-select';
import { isApiError } from '@/lib/api';
import { errorMessage } from '@/lib/errors';
import { useSetWorkingHours, useWorkingHours } from '../api';

const HH_MM = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

interface Values {
  hours: TWorkingWindow[];
}

/** An org unit's working hours: its own, or those it inherits from above; admins edit them. */
export function WorkingHoursCard({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const [unitId, setUnitId] = useState<string>();
  const { data, dataUpdatedAt, isLoading } = useWorkingHours(unitId);

  return (
    <Card title={t('calendar.hours.title')} id="working-hours">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <OrgUnitTreeSelect id="working-hours-unit" value={unitId} onChange={setUnitId} placeholder={t('calendar.hours.pickUnit')} style={{ width: 360, maxWidth: '100%' }} />
        {!unitId && <Empty description={t('calendar.hours.pickUnit')} />}
        {unitId && !isLoading && data && (
          <HoursForm key={`${unitId}-${dataUpdatedAt}`} unitId={unitId} hours={data.hours} own={data.own} from={data.inheritedFrom?.name ?? null} canManage={canManage} />
        )}
      </Space>
    </Card>
  );
}

function HoursForm({ unitId, hours, own, from, canManage }: { unitId: string; hours: TWorkingWindow[]; own: boolean; from: string | null; canManage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSetWorkingHours();

  const send = (next: TWorkingWindow[] | null) =>
    save.mutate(
      { orgUnitId: unitId, hours: next },
      {
        onSuccess: () => void message.success(t('calendar.hours.saved')),
        onError: (error) => {
          // The server names the window at fault: hours.<index>.
          const placed = isApiError(error)
            ? error.fields.flatMap((f) => {
                const [, index] = f.field.split('.');
                return index !== undefined && /^\d+$/.test(index) ? [{ name: ['hours', Number(index), 'start'] as ['hours', number, 'start'], errors: [t('calendar.hours.invalidWindow')] }] : [];
              })
            : [];
          if (placed.length > 0) form.setFields(placed);
          else void message.error(errorMessage(error));
        },
      },
    );

  return (
    <Form form={form} name="working-hours" initialValues={{ hours }} onFinish={(v) => send(v.hours)} disabled={!canManage}>
      <Typography.Paragraph data-testid="working-hours-source">
        {own ? t('calendar.hours.own') : from ? t('calendar.hours.inheritedFrom', { name: from }) : t('calendar.hours.institutionDefault')}
      </Typography.Paragraph>
      <Form.List name="hours">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Space key={field.key} align="baseline">
                <Form.Item name={[field.name, 'start']} rules={[{ required: true, pattern: HH_MM, message: t('calendar.hours.format') }]}>
                  <Input placeholder="09:00" style={{ width: 100 }} />
                </Form.Item>
                <span>–</span>
                <Form.Item name={[field.name, 'end']} rules={[{ required: true, pattern: HH_MM, message: t('calendar.hours.format') }]}>
                  <Input placeholder="17:30" style={{ width: 100 }} />
                </Form.Item>
                {canManage && fields.length > 1 && <MinusCircleOutlined aria-label={t('calendar.hours.remove')} onClick={() => remove(field.name)} />}
              </Space>
            ))}
            {canManage && (
              <Form.Item>
                <Button type="dashed" onClick={() => add({ start: '', end: '' })} icon={<PlusOutlined />}>
                  {t('calendar.hours.add')}
                </Button>
              </Form.Item>
            )}
          </>
        )}
      </Form.List>
      {canManage && (
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="working-hours-save">
            {t('common.save')}
          </Button>
          {own && (
            <Button onClick={() => send(null)} disabled={save.isPending} data-testid="working-hours-inherit">
              {t('calendar.hours.inherit')}
            </Button>
          )}
        </Space>
      )}
    </Form>
  );
}
