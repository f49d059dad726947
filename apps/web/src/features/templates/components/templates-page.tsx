import { useState } from 'react';
import { Button, Card, Flex, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TTemplate } from '@loopdesk/core';
import { useTemplateList, type TemplateFilters as Filters } from '../api';
import { TemplateFilters } from './template-filters';
import { TemplateFormDrawer } from './template-form-drawer';
import { TemplatesTable } from './templates-table';

type Editing = { mode: 'create' } | { mode: 'edit'; template: TTemplate };

/** 回复模板: the institution's templates by kind and language; add, edit, retire and reactivate them. */
export function TemplatesPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<Filters>({});
  const { data: templates = [], isFetching } = useTemplateList(filters);
  const [editing, setEditing] = useState<Editing>();

  return (
    <Card
      title={t('templateAdmin.title')}
      extra={
        <Button id="templates-create" type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create' })}>
          {t('templateAdmin.create')}
        </Button>
      }
    >
      <Flex vertical gap={16}>
        <Typography.Text type="secondary">{t('templateAdmin.hint')}</Typography.Text>
        <TemplateFilters value={filters} onChange={setFilters} />
        <TemplatesTable templates={templates} loading={isFetching} onEdit={(template) => setEditing({ mode: 'edit', template })} />
      </Flex>
      {editing && <TemplateFormDrawer template={editing.mode === 'edit' ? editing.template : undefined} onClose={() => setEditing(undefined)} />}
    </Card>
  );
}
