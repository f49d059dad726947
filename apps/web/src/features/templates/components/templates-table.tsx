import { Button, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TTemplate } from '@loopdesk/core';
import { currentLanguage } from '@/i18n';
import { useCategories } from '@/lib/categories';
import { formatShortDateTime } from '@/lib/format';
import { categoryPath } from '@/lib/category-tree';
import { TemplateActiveButton } from './template-active-button';
import { useTemplateLabels } from './template-labels';

interface Props {
  templates: TTemplate[];
  loading: boolean;
  onEdit: (template: TTemplate) => void;
}

/** The templates with their kind, language, category, state, version and last change; edit and retire per row. */
export function TemplatesTable({ templates, loading, onEdit }: Props) {
  const { t } = useTranslation();
  const { kindLabel, localeLabel } = useTemplateLabels();
  const { data: categories = [] } = useCategories();
  const en = currentLanguage() === 'en';
  return (
    <Table<TTemplate>
      id="templates-table"
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={templates}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      columns={[
        {
          title: t('templateAdmin.column.title'),
          key: 'title',
          render: (_v, r) => (
            <Space orientation="vertical" size={0}>
              <Typography.Text strong>{r.title}</Typography.Text>
              <Typography.Text type="secondary" code>
                {r.code}
              </Typography.Text>
            </Space>
          ),
        },
        { title: t('templateAdmin.column.kind'), dataIndex: 'kind', width: 120, render: kindLabel },
        { title: t('templateAdmin.column.locale'), dataIndex: 'locale', width: 90, render: localeLabel },
        {
          title: t('templateAdmin.column.category'),
          dataIndex: 'categoryId',
          render: (id: string | null) =>
            id === null ? <Typography.Text type="secondary">{t('templateAdmin.allCategories')}</Typography.Text> : (categoryPath(categories, id, en) ?? id),
        },
        {
          title: t('templateAdmin.column.status'),
          dataIndex: 'active',
          width: 100,
          render: (active: boolean) => (
            <Tag color={active ? 'green' : 'default'} data-testid="template-status" data-active={active}>
              {t(active ? 'templateAdmin.status.active' : 'templateAdmin.status.retired')}
            </Tag>
          ),
        },
        { title: t('templateAdmin.column.version'), dataIndex: 'version', width: 70, render: (v: number) => <span data-testid="template-version">{v}</span> },
        { title: t('templateAdmin.column.updatedAt'), dataIndex: 'updatedAt', width: 150, render: formatShortDateTime },
        {
          title: t('templateAdmin.column.actions'),
          key: 'actions',
          width: 150,
          render: (_v, r) => (
            <Space>
              <Button size="small" data-testid="template-edit" onClick={() => onEdit(r)}>
                {t('common.edit')}
              </Button>
              <TemplateActiveButton template={r} />
            </Space>
          ),
        },
      ]}
    />
  );
}
