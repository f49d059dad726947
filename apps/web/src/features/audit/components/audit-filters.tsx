import { AutoComplete, Button, DatePicker, Form, Input, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { UserSelect } from '@/components/user-select';
import type { AuditFilters as Filters } from '../api';

interface Values {
  actorId?: string;
  objectType?: string;
  objectId?: string;
  action?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

const OBJECT_TYPES = ['org_unit', 'user', 'grant', 'session', 'institution'];

const trimmed = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);

export function AuditFilters({ onChange, canPickUser }: { onChange: (f: Filters) => void; canPickUser: boolean }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();

  const apply = (v: Values) =>
    onChange({
      actorId: v.actorId,
      objectType: trimmed(v.objectType),
      objectId: trimmed(v.objectId),
      action: trimmed(v.action),
      from: v.range?.[0]?.toISOString(),
      to: v.range?.[1]?.toISOString(),
    });

  return (
    <Form form={form} layout="inline" onFinish={apply} name="audit-filters" style={{ rowGap: 8 }}>
      {canPickUser && (
        <Form.Item name="actorId">
          <UserSelect allowClear placeholder={t('audit.actor')} style={{ width: 200 }} />
        </Form.Item>
      )}
      <Form.Item name="objectType">
        <AutoComplete
          allowClear
          placeholder={t('audit.objectType')}
          options={OBJECT_TYPES.map((o) => ({ value: o }))}
          style={{ width: 150 }}
        />
      </Form.Item>
      <Form.Item name="objectId">
        <Input allowClear placeholder={t('audit.objectId')} style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="action">
        <Input allowClear placeholder={t('audit.action')} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="range">
        <DatePicker.RangePicker showTime aria-label={t('audit.timeRange')} />
      </Form.Item>
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            {t('common.search')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              onChange({});
            }}
          >
            {t('common.reset')}
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
