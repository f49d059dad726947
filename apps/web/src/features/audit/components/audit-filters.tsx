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

/** The object types and action codes the console has names for (every one the server writes: auditLog.test.ts). */
function namedCodes(tree: unknown, prefix = ''): string[] {
  if (!tree || typeof tree !== 'object') return [];
  return Object.entries(tree as Record<string, unknown>).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : namedCodes(v, `${prefix}${k}.`)));
}

/** Options that show a code's name and fill in the code, found by either. */
function useCodeOptions(namespace: 'auditObject' | 'auditAction') {
  const { t, i18n } = useTranslation();
  const bundle = i18n.getResourceBundle(i18n.resolvedLanguage ?? i18n.language, 'translation') as Record<string, unknown> | undefined;
  return namedCodes(bundle?.[namespace]).map((code) => ({ value: code, label: `${t(`${namespace}.${code}`)}（${code}）` }));
}

const matches = (input: string, option?: { value: string; label: string }) => !!option && option.label.toLowerCase().includes(input.trim().toLowerCase());

const trimmed = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);

export function AuditFilters({ onChange, canPickUser }: { onChange: (f: Filters) => void; canPickUser: boolean }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const objectTypes = useCodeOptions('auditObject');
  const actions = useCodeOptions('auditAction');

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
          options={objectTypes}
          filterOption={matches}
          popupMatchSelectWidth={240}
          style={{ width: 150 }}
        />
      </Form.Item>
      <Form.Item name="objectId">
        <Input allowClear placeholder={t('audit.objectId')} style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="action">
        <AutoComplete allowClear placeholder={t('audit.action')} options={actions} filterOption={matches} popupMatchSelectWidth={280} style={{ width: 180 }} />
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
