import {
  CopyOutlined,
  LeftOutlined,
  PlusOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, Card, Result, Spin, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../api/client';
import { type SubAccount, subAccountOf } from '../../api/staff';
import { ProblemAlert } from '../../components/problem-alert';
import { useMe } from '../../hooks/use-me';
import { useI18n } from '../../i18n/i18n-context';
import { Link } from '../../router/link';
import { navigate } from '../../router/use-route';
import { currentShop, useShops } from '../shop/use-shop';
import { ConfigureDrawer } from './configure-drawer';
import { CreateDrawer } from './create-drawer';
import { ForbiddenPage } from './forbidden-page';
import { ResetPasswordModal } from './reset-password-modal';
import { RolesTab } from './roles-tab';
import { SubAccountList } from './sub-account-list';
import { useCatalog, useCatalogIndex, useRefreshStaff, useRoles, useSubAccounts } from './use-staff';
import { useStaffI18n } from './use-staff-i18n';
import './staff.css';

/**
 * /shop/staff: the shop's sub-accounts and roles (SPEC §8). The owner manages the one open shop
 * from GET /v1/shops; a sub-account holding staff.manage manages its own shop.
 */
export function StaffPage() {
  const me = useMe().data;
  const sub = subAccountOf(me);
  if (me?.type === 'sub_account') {
    if (!sub?.permissions.includes('staff.manage')) return <ForbiddenPage />;
    return <StaffManager shopId={sub.shopId} />;
  }
  return <OwnerStaffPage />;
}

function OwnerStaffPage() {
  const { st } = useStaffI18n();
  const shops = useShops();
  if (shops.isPending) return <Loading />;
  if (shops.error) {
    if (isApiError(shops.error, 'forbidden')) return <ForbiddenPage />;
    return <Result status="warning" extra={<ProblemAlert error={shops.error} />} />;
  }
  const shop = currentShop(shops.data.shops);
  if (!shop) {
    return (
      <Result
        status="info"
        icon={<TeamOutlined />}
        title={st('staff.noShop.title')}
        subTitle={st('staff.noShop.body')}
        data-testid="staff-no-shop"
        extra={
          <Button type="primary" onClick={() => navigate('/shop/open')}>
            {st('staff.noShop.go')}
          </Button>
        }
      />
    );
  }
  return <StaffManager shopId={shop.id} shopName={shop.name} />;
}

function Loading() {
  return (
    <div style={{ textAlign: 'center', padding: 64 }}>
      <Spin size="large" />
    </div>
  );
}

function StaffManager({ shopId, shopName }: { shopId: string; shopName?: string }) {
  const { st } = useStaffI18n();
  const { t } = useI18n();
  const isSub = useMe().data?.type === 'sub_account';
  const catalog = useCatalog();
  const list = useSubAccounts(shopId);
  const roles = useRoles(shopId);
  const index = useCatalogIndex(catalog.data);
  const refresh = useRefreshStaff(shopId);
  const [tab, setTab] = useState('accounts');
  const [creating, setCreating] = useState(false);
  const [configuring, setConfiguring] = useState<SubAccount | null>(null);
  const [resetting, setResetting] = useState<SubAccount | null>(null);

  const error = list.error ?? roles.error ?? catalog.error;
  if (isApiError(error, 'forbidden')) return <ForbiddenPage />;
  if (isApiError(error, 'not_found')) return <Result status="404" title={st('staff.notFound')} />;
  if (error) return <Result status="warning" extra={<ProblemAlert error={error} />} />;
  if (!list.data || !roles.data || !catalog.data) return <Loading />;

  const back = isSub ? { to: '/', label: t('nav.home') } : { to: '/shop', label: st('staff.shop') };
  return (
    <div className="kd-staff" data-testid="staff-page" data-shop-id={shopId}>
      <Link to={back.to} className="kd-staff-back">
        <LeftOutlined /> {back.label}
      </Link>
      <Card className="kd-card">
        <div className="kd-staff-head">
          <Typography.Title level={4} style={{ margin: 0, flex: 1 }}>
            <TeamOutlined style={{ marginInlineEnd: 8, color: '#1677ff' }} />
            {st('staff.title')}
          </Typography.Title>
          {tab === 'accounts' && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="staff-create"
            >
              {st('staff.create')}
            </Button>
          )}
        </div>
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 12px' }}>
          {st('staff.subtitle')}
        </Typography.Paragraph>
        <ShopInfo shopId={shopId} shopName={shopName} />
        <Alert
          type="info"
          showIcon
          icon={<SafetyCertificateOutlined />}
          title={st('staff.stepUpNote')}
          style={{ marginBottom: 8 }}
        />
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'accounts',
              label: (
                <span data-testid="staff-tab-accounts">
                  {st('staff.tab.accounts')} ({list.data.subAccounts.length})
                </span>
              ),
              children: (
                <SubAccountList
                  shopId={shopId}
                  subAccounts={list.data.subAccounts}
                  index={index}
                  onConfigure={setConfiguring}
                  onReset={setResetting}
                  onChanged={refresh}
                />
              ),
            },
            {
              key: 'roles',
              label: <span data-testid="staff-tab-roles">{st('staff.tab.roles')}</span>,
              children: (
                <RolesTab
                  shopId={shopId}
                  roles={roles.data.roles}
                  catalog={catalog.data}
                  index={index}
                  onChanged={refresh}
                />
              ),
            },
          ]}
        />
      </Card>
      <CreateDrawer
        shopId={shopId}
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={() => {
          setCreating(false);
          refresh();
        }}
        catalog={catalog.data}
        index={index}
        roles={roles.data.roles}
      />
      <ConfigureDrawer
        shopId={shopId}
        subAccount={configuring}
        onClose={() => setConfiguring(null)}
        onSaved={() => {
          setConfiguring(null);
          refresh();
        }}
        catalog={catalog.data}
        index={index}
        roles={roles.data.roles}
      />
      {resetting && (
        <ResetPasswordModal shopId={shopId} subAccount={resetting} onClose={() => setResetting(null)} />
      )}
    </div>
  );
}

/** The shop and where staff sign in: the ID and a link that opens the staff sign-in with it filled in. */
function ShopInfo({ shopId, shopName }: { shopId: string; shopName?: string }) {
  const { st } = useStaffI18n();
  const { message } = App.useApp();
  const link = `${window.location.origin}/login?shop=${encodeURIComponent(shopId)}`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      message.success(st('staff.copied'));
    } catch {
      // clipboard unavailable (http, permissions): the link is selectable on screen
    }
  };
  return (
    <div className="kd-staff-shop" data-testid="staff-shop">
      {shopName && (
        <div>
          <span className="kd-staff-field-label">{st('staff.shop')}</span> {shopName}
        </div>
      )}
      <div>
        <span className="kd-staff-field-label">{st('staff.shopId')}</span>{' '}
        <Typography.Text copyable code data-testid="staff-shop-id">
          {shopId}
        </Typography.Text>
      </div>
      <div className="kd-staff-shop-link">
        <span className="kd-staff-field-label">{st('staff.signInLink')}</span>{' '}
        <Typography.Text type="secondary" style={{ wordBreak: 'break-all' }}>
          {link}
        </Typography.Text>{' '}
        <Button size="small" type="link" icon={<CopyOutlined />} onClick={copy}>
          {st('staff.copyLink')}
        </Button>
        <div className="kd-muted">{st('staff.signInLinkHint')}</div>
      </div>
    </div>
  );
}
