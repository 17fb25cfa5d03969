import {
  AppstoreOutlined,
  AuditOutlined,
  BarChartOutlined,
  CustomerServiceOutlined,
  FileProtectOutlined,
  LogoutOutlined,
  MoneyCollectOutlined,
  SafetyCertificateOutlined,
  ShopOutlined,
  SwapOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Layout, Menu, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { LanguageSwitch } from '../components/language-switch';
import { navigate } from '../router/use-route';
import { signOut } from './api';
import { useConsoleI18n } from './use-console-i18n';
import { useOperator } from './use-operator';

export type ConsoleSection =
  | 'queue'
  | 'dashboard'
  | 'qualifications'
  | 'tickets'
  | 'shops'
  | 'deposits'
  | 'categories'
  | 'transfers';

/** Ant Design Pro style frame: dark sidebar with the sections, a header with who is signed in. */
export function ConsoleLayout({
  section,
  children,
}: {
  section: ConsoleSection | null;
  children: ReactNode;
}) {
  const { t, label } = useConsoleI18n();
  const op = useOperator();
  const qc = useQueryClient();

  const doSignOut = async () => {
    try {
      await signOut();
    } catch {
      // the session may already be gone; sign out locally either way
    }
    qc.clear();
    navigate('/console/login', { replace: true });
  };

  const go = (to: string) => (e: { domEvent: { preventDefault(): void } }) => {
    e.domEvent.preventDefault();
    navigate(to);
  };

  return (
    <Layout
      className="kd-console"
      style={{ background: 'linear-gradient(to right, #001529 208px, transparent 208px)' }}
      data-testid="console-layout"
    >
      <Layout.Sider width={208} theme="dark" style={{ position: 'sticky', top: 0, height: '100vh' }}>
        <a
          className="kd-console-brand"
          href="/console/queue"
          onClick={(e) => {
            e.preventDefault();
            navigate('/console/queue');
          }}
        >
          <SafetyCertificateOutlined />
          <span>{t('console.brand')}</span>
        </a>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={section ? [section] : []}
          items={[
            {
              key: 'queue',
              icon: <AuditOutlined />,
              label: <span data-testid="nav-queue">{t('console.nav.queue')}</span>,
              onClick: go('/console/queue'),
            },
            {
              key: 'dashboard',
              icon: <BarChartOutlined />,
              label: <span data-testid="nav-dashboard">{t('console.nav.dashboard')}</span>,
              onClick: go('/console/dashboard'),
            },
            {
              type: 'group',
              key: 'shops-group',
              label: t('console.nav.shopsGroup'),
              children: [
                {
                  key: 'shops',
                  icon: <ShopOutlined />,
                  label: <span data-testid="nav-shops">{t('console.nav.shopList')}</span>,
                  onClick: go('/console/shops'),
                },
                {
                  key: 'qualifications',
                  icon: <FileProtectOutlined />,
                  label: <span data-testid="nav-qualifications">{t('console.nav.qualifications')}</span>,
                  onClick: go('/console/qualifications'),
                },
                {
                  key: 'tickets',
                  icon: <CustomerServiceOutlined />,
                  label: <span data-testid="nav-tickets">{t('console.nav.tickets')}</span>,
                  onClick: go('/console/tickets'),
                },
                {
                  key: 'deposits',
                  icon: <MoneyCollectOutlined />,
                  label: <span data-testid="nav-deposits">{t('console.nav.deposits')}</span>,
                  onClick: go('/console/shops/deposit'),
                },
                {
                  key: 'transfers',
                  icon: <SwapOutlined />,
                  label: <span data-testid="nav-transfers">{t('console.nav.transfers')}</span>,
                  onClick: go('/console/transfers'),
                },
                {
                  key: 'categories',
                  icon: <AppstoreOutlined />,
                  label: <span data-testid="nav-categories">{t('console.nav.categories')}</span>,
                  onClick: go('/console/categories'),
                },
              ],
            },
          ]}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          className="kd-console-header"
          style={{ padding: '0 24px', background: '#fff', lineHeight: 'normal' }}
        >
          <div />
          <Space size={16}>
            {op && (
              <Space size={6} data-testid="console-operator">
                <UserOutlined />
                <Typography.Text strong>{op.displayName || op.login}</Typography.Text>
                {op.displayName && op.displayName !== op.login && (
                  <Typography.Text type="secondary">({op.login})</Typography.Text>
                )}
                <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                  {label('console.role', op.role)}
                </Tag>
              </Space>
            )}
            <LanguageSwitch />
            <Button
              type="text"
              size="small"
              icon={<LogoutOutlined />}
              onClick={doSignOut}
              data-testid="console-sign-out"
            >
              {t('console.signOut')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content className="kd-console-content">{children}</Layout.Content>
      </Layout>
    </Layout>
  );
}
