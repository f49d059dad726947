import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** Nothing here: a page, or a record (named by the caller) that does not exist or is not the user's to see. */
export function NotFoundPage({ title, subtitle }: { title?: string; subtitle?: string }) {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={title ?? t('notFound.title')}
      subTitle={subtitle ?? t('notFound.subtitle')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}

export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <Result
      status="403"
      title={t('forbidden.title')}
      subTitle={t('forbidden.subtitle')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}
