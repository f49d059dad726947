import { App, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/lib/api';
import { applyFieldErrors, errorMessage } from '@/lib/errors';

/** Error feedback for org updates: a stale version says the tree was reloaded. */
export function useUpdateErrorFeedback() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (error: unknown, form: FormInstance) => {
    applyFieldErrors(form, error);
    if (isApiError(error) && error.code === 'stale_version') void message.warning(t('org.staleReloaded'));
    else void message.error(errorMessage(error));
  };
}
