import { useState, type ReactNode } from 'react';
import { App, Button, Card, Popconfirm, Space, Switch, Table, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { RuleConditionTags, type RuleConditions } from '@/components/rule-conditions';

/** What every ordered, admin-edited rule has, whatever else it says. */
interface OrderedRule {
  id: string;
  name: string;
  position: number;
  active: boolean;
  version: number;
  conditions: RuleConditions;
}

interface Props<R extends OrderedRule> {
  /** Element ids: `<idPrefix>-create` (the add button), `<idPrefix>-table`. */
  idPrefix: string;
  /** Where the page's words are: title, hint, create, position, name, conditions, active, edit, delete, deleteConfirm, deleted. */
  i18nPrefix: string;
  rules: R[];
  loading: boolean;
  /** Tags for the conditions only this kind of rule has. */
  extraTags?: (rule: R) => string[];
  /** The columns only this kind of rule has, after the conditions. */
  columns: TableColumnsType<R>;
  save: { isPending: boolean; mutate(v: { id: string; update: { version: number; active: boolean } }): void };
  remove: { mutate(v: { id: string; version: number }, options: { onSuccess: () => void }): void };
  /** The form that adds (no rule) or edits a rule. */
  form: (rule: R | undefined, onClose: () => void) => ReactNode;
}

type Editing<R> = { mode: 'create' } | { mode: 'edit'; rule: R };

/**
 * A page of ordered rules: in the order they are tried, each with its conditions, its own
 * columns, an active switch, edit and delete (with the version shown); and the add button.
 */
export function OrderedRulesCard<R extends OrderedRule>({ idPrefix, i18nPrefix, rules, loading, extraTags, columns, save, remove, form }: Props<R>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<Editing<R>>();
  const k = (key: string) => `${i18nPrefix}.${key}`;

  return (
    <Card
      title={t(k('title'))}
      extra={
        <Button id={`${idPrefix}-create`} type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create' })}>
          {t(k('create'))}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t(k('hint'))}</Typography.Paragraph>
      <Table<R>
        id={`${idPrefix}-table`}
        rowKey="id"
        loading={loading}
        dataSource={rules}
        pagination={false}
        columns={[
          { title: t(k('position')), dataIndex: 'position', width: 70 },
          { title: t(k('name')), dataIndex: 'name', render: (n: string) => <Typography.Text strong>{n}</Typography.Text> },
          {
            title: t(k('conditions')),
            key: 'conditions',
            render: (_v, r) => (
              <Space wrap size={[4, 4]}>
                <RuleConditionTags conditions={r.conditions} extra={extraTags ? extraTags(r) : []} />
              </Space>
            ),
          },
          ...columns,
          {
            title: t(k('active')),
            dataIndex: 'active',
            width: 80,
            render: (active: boolean, r) => (
              <Switch size="small" checked={active} loading={save.isPending} onChange={(checked) => save.mutate({ id: r.id, update: { version: r.version, active: checked } })} />
            ),
          },
          {
            key: 'actions',
            width: 150,
            render: (_v, r) => (
              <Space>
                <Button size="small" onClick={() => setEditing({ mode: 'edit', rule: r })}>
                  {t(k('edit'))}
                </Button>
                <Popconfirm title={t(k('deleteConfirm'), { name: r.name })} onConfirm={() => remove.mutate({ id: r.id, version: r.version }, { onSuccess: () => void message.success(t(k('deleted'))) })}>
                  <Button size="small" danger>
                    {t(k('delete'))}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {editing && form(editing.mode === 'edit' ? editing.rule : undefined, () => setEditing(undefined))}
    </Card>
  );
}
