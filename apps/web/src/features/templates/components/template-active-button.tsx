import { App, Button, Popconfirm } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TTemplate } from '@loopdesk/core';
import { isApiError } from '@/lib/api';
import { errorMessage } from '@/lib/errors';
import { useSaveTemplate } from '../api';

/** Retires an active template or brings a retired one back, once confirmed, with the version shown. */
export function TemplateActiveButton({ template }: { template: TTemplate }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const save = useSaveTemplate();
  const retiring = template.active;
  const toggle = () =>
    save.mutate(
      { id: template.id, update: { version: template.version, active: !retiring } },
      {
        onSuccess: () => void message.success(t(retiring ? 'templateAdmin.retired' : 'templateAdmin.reactivated')),
        onError: (error) => void (isApiError(error) && error.code === 'stale_version' ? message.warning(t('templateAdmin.stale')) : message.error(errorMessage(error))),
      },
    );
  return (
    <Popconfirm title={t(retiring ? 'templateAdmin.retireConfirm' : 'templateAdmin.reactivateConfirm', { title: template.title })} onConfirm={toggle}>
      <Button size="small" danger={retiring} loading={save.isPending} data-testid={retiring ? 'template-retire' : 'template-reactivate'}>
        {t(retiring ? 'templateAdmin.retire' : 'templateAdmin.reactivate')}
      </Button>
    </Popconfirm>
  );
}
