import { Result, Spin } from 'antd';
import { lazy, type ReactNode, Suspense, useEffect } from 'react';
import { isApiError } from '../api/client';
import { navigate, useRoute } from '../router/use-route';
import { CasePage } from './case/case-page';
import { CategoriesPage } from './categories/categories-page';
import { ConsoleLayout, type ConsoleSection } from './console-layout';
import { ConsoleLoginPage } from './login-page';
import { QualificationQueuePage } from './qualifications/qualification-queue-page';
import { QueuePage } from './queue/queue-page';
import { ShopsListPage } from './shop-list/shops-list-page';
import { DepositPage } from './shops/deposit-page';
import { TicketsPage } from './tickets/tickets-page';
import { TransfersPage } from './transfers/transfers-page';
import { useConsoleI18n } from './use-console-i18n';
import { useOperatorMe } from './use-operator';
import './console.css';

// ECharts is heavy: the dashboard is its own chunk.
const DashboardPage = lazy(() => import('./dashboard/dashboard-page'));

/** The console's pages behind the operator sign-in (loaded on demand by console-app.tsx). */
export default function ConsoleRoot() {
  const { path } = useRoute();
  const { t } = useConsoleI18n();
  const me = useOperatorMe();
  const signedIn = !!me.data?.operator;
  const isLogin = path === '/console/login';

  useEffect(() => {
    document.title = t('console.title');
  }, [t]);

  useEffect(() => {
    if (me.isPending) return;
    if (!signedIn && !isLogin) {
      const next = window.location.pathname + window.location.search;
      navigate(`/console/login?next=${encodeURIComponent(next)}`, { replace: true });
    } else if (signedIn && (isLogin || path === '/console')) {
      navigate('/console/queue', { replace: true });
    }
  }, [me.isPending, signedIn, isLogin, path]);

  if (isLogin) return <ConsoleLoginPage merchantSignedIn={me.data?.type === 'merchant'} />;
  if (me.isPending || !signedIn) {
    if (me.error && !isApiError(me.error, 'unauthenticated') && !isApiError(me.error))
      return <Result status="error" title={t('console.loadFailed')} />;
    return (
      <div className="kd-console-center">
        <Spin size="large" />
      </div>
    );
  }

  const caseMatch = /^\/console\/cases\/([^/]+)$/.exec(path);
  let page: ReactNode;
  let section: ConsoleSection | null = null;
  if (path === '/console/queue' || path === '/console') {
    page = <QueuePage />;
    section = 'queue';
  } else if (caseMatch?.[1]) {
    page = <CasePage id={decodeURIComponent(caseMatch[1])} />;
    section = 'queue';
  } else if (path === '/console/dashboard') {
    page = (
      <Suspense fallback={<Spin />}>
        <DashboardPage />
      </Suspense>
    );
    section = 'dashboard';
  } else if (path === '/console/qualifications') {
    page = <QualificationQueuePage />;
    section = 'qualifications';
  } else if (path === '/console/tickets') {
    page = <TicketsPage />;
    section = 'tickets';
  } else if (path === '/console/shops') {
    page = <ShopsListPage />;
    section = 'shops';
  } else if (path === '/console/shops/deposit') {
    page = <DepositPage />;
    section = 'deposits';
  } else if (path === '/console/transfers') {
    page = <TransfersPage />;
    section = 'transfers';
  } else if (path === '/console/categories') {
    page = <CategoriesPage />;
    section = 'categories';
  } else {
    page = <Result status="404" title="404" subTitle={t('console.notFound')} />;
  }
  return <ConsoleLayout section={section}>{page}</ConsoleLayout>;
}
