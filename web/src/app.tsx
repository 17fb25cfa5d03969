import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useState } from 'react';
import { AppHeader } from './components/app-header';
import { ConsoleApp } from './console/console-app';
import { DevOutbox } from './dev-outbox/dev-outbox';
import { OutboxProvider } from './dev-outbox/outbox-context';
import { I18nProvider, useI18n } from './i18n/i18n-context';
import { useRoute } from './router/use-route';
import { Routes } from './routes';
import { StepUpProvider } from './step-up/step-up-context';

function Shell() {
  const { lang } = useI18n();
  const { path } = useRoute();
  if (path === '/console' || path.startsWith('/console/'))
    return (
      <ConfigProvider locale={lang === 'en' ? enUS : zhCN}>
        <AntApp>
          <ConsoleApp />
        </AntApp>
      </ConfigProvider>
    );
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN}>
      <AntApp>
        <OutboxProvider>
          <StepUpProvider>
            <div className="kd-app">
              <AppHeader />
              <main className="kd-main">
                <Routes />
              </main>
            </div>
            <DevOutbox />
          </StepUpProvider>
        </OutboxProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: { queries: { refetchOnWindowFocus: false }, mutations: { retry: false } },
      }),
  );
  return (
    <QueryClientProvider client={client}>
      <I18nProvider>
        <Shell />
      </I18nProvider>
    </QueryClientProvider>
  );
}
