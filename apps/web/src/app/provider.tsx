import { useEffect, useState, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import type { Locale } from 'antd/es/locale';
import antdZhCN from 'antd/locale/zh_CN';
import antdZhTW from 'antd/locale/zh_TW';
import antdEnUS from 'antd/locale/en_US';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { currentLanguage, type Lang } from '@/i18n';
import { isApiError, isSessionLost, setSessionLostHandler } from '@/lib/api';
import { ME_QUERY_KEY } from '@/lib/auth';
import { errorMessage } from '@/lib/errors';
import { validateMessages } from '@/lib/form-rules';

const ANTD_LOCALES: Record<Lang, Locale> = { 'zh-CN': antdZhCN, 'zh-TW': antdZhTW, en: antdEnUS };

interface Props {
  children: ReactNode;
  /** Where a lost session sends the user. */
  onSessionLost: () => void;
}

/** antd (locale follows the language) and TanStack Query with the app-wide error handling. */
export function AppProvider({ children, onSessionLost }: Props) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  useEffect(() => {
    document.title = `${t('app.name')} ${t('app.title')}`;
  }, [t, lang]);

  return (
    <ConfigProvider
      locale={ANTD_LOCALES[lang]}
      button={{ autoInsertSpace: false }}
      form={{ validateMessages: validateMessages(t) }}
      theme={{ token: { colorPrimary: '#b71c1c', borderRadius: 4 } }}
    >
      <AntApp>
        <QueryProvider onSessionLost={onSessionLost}>{children}</QueryProvider>
      </AntApp>
    </ConfigProvider>
  );
}

function QueryProvider({ children, onSessionLost }: Props) {
  const { message } = AntApp.useApp();
  const [queryClient] = useState(() => {
    const report = (error: unknown, silent: boolean) => {
      if (isSessionLost(error)) return; // the session handler takes over
      if (isApiError(error) && error.code === 'password_change_required') {
        void client.invalidateQueries({ queryKey: ME_QUERY_KEY });
      }
      if (!silent) void message.error(errorMessage(error));
    };
    const client: QueryClient = new QueryClient({
      queryCache: new QueryCache({ onError: (error, query) => report(error, query.meta?.silent === true) }),
      mutationCache: new MutationCache({
        onError: (error, _v, _c, mutation) => report(error, mutation.meta?.silent === true),
      }),
      defaultOptions: {
        queries: {
          retry: (count, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && count < 2,
          refetchOnWindowFocus: false,
        },
      },
    });
    return client;
  });

  useEffect(() => {
    setSessionLostHandler(() => {
      queryClient.setQueryData(ME_QUERY_KEY, null);
      onSessionLost();
    });
    return () => setSessionLostHandler(undefined);
  }, [queryClient, onSessionLost]);

  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
