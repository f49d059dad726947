import { App, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/lib/api';
import { errorMessage, placeFieldErrors } from '@/lib/errors';

/**
 * What a small case dialog does when its write returns: done, a note and close; a stale version
 * (409), a warning and close (the page shows the case as it now is); field problems, on the form;
 * anything else, its message.
 */
export function useDialogOutcome(form: FormInstance, onClose: () => void) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (doneKey: string) => ({
    onSuccess: () => {
      void message.success(t(doneKey));
      onClose();
    },
    onError: (error: unknown) => {
      if (isApiError(error) && error.status === 409) {
        void message.warning(t('cases.staleReloaded'));
        onClose();
      } else if (placeFieldErrors(form, error).placed === 0) void message.error(errorMessage(error));
    },
  });
}
