import type { ReactNode } from 'react';
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { errorMessage } from '@/lib/errors';
import { useMeQuery } from '@/lib/auth';
import { ForbiddenPage } from '@/components/status-pages';
import { PageSpin } from './page-spin';

export const FORCED_PASSWORD_PATH = '/account/password';

/** Signed-in users only; a user who must change the password sees nothing else. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { data: me, isPending, isError, error, refetch } = useMeQuery();
  const location = useLocation();
  if (isPending) return <PageSpin />;
  // The server could not say who we are (down, 5xx): offer a retry rather than a login form.
  if (isError && me === undefined) {
    return (
      <Result
        status="warning"
        title={errorMessage(error)}
        extra={<Button onClick={() => void refetch()}>{t('common.refresh')}</Button>}
      />
    );
  }
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (me.mustChangePassword && location.pathname !== FORCED_PASSWORD_PATH) {
    return <Navigate to={FORCED_PASSWORD_PATH} replace />;
  }
  return children;
}

/** Renders the page only when the user holds `permission`. */
export function RequirePermission({ permission, children }: { permission: string; children: ReactNode }) {
  const { data: me } = useMeQuery();
  if (!me?.permissions.includes(permission)) return <ForbiddenPage />;
  return children;
}
