import {
  LogoutOutlined,
  ReloadOutlined,
  ShoppingOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, Descriptions, Empty, Row, Space, Tag, Typography } from 'antd';
import { subAccountOf } from '../../api/staff';
import { useMe } from '../../hooks/use-me';
import { navigate } from '../../router/use-route';
import { PermissionTags } from './permission-picker';
import { useSignOut } from './use-sign-out';
import { useCatalog, useCatalogIndex } from './use-staff';
import { useStaffI18n } from './use-staff-i18n';
import './staff.css';

/** Pages a sub-account can open, each behind the permission it needs. */
const TOOLS = [
  { permission: 'orders.view', to: '/shop/orders', key: 'staffHome.toOrders', icon: <ShoppingOutlined /> },
  { permission: 'staff.manage', to: '/shop/staff', key: 'staffHome.toStaff', icon: <TeamOutlined /> },
] as const;

/**
 * / for a sub-account (LOGIN-1, SUB-3): its shop, name, roles and current permissions (read from
 * GET /v1/me, so a change by the main account shows at the next load), and only the pages it may use.
 */
export function StaffHome() {
  const { st, local } = useStaffI18n();
  const me = useMe();
  const qc = useQueryClient();
  const sub = subAccountOf(me.data);
  const catalog = useCatalog();
  const index = useCatalogIndex(catalog.data);
  const signOut = useSignOut();
  if (!sub) return null;
  const tools = TOOLS.filter((x) => sub.permissions.includes(x.permission));
  const groups = catalog.data?.groups ?? [];
  return (
    <div
      className="kd-staff"
      data-testid="staff-home"
      data-permissions={index.sort(sub.permissions).join(' ')}
    >
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {st('staffHome.greeting', { name: sub.name })}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={10}>
          <Card title={st('staffHome.account')} size="small">
            <Descriptions column={1} size="small">
              <Descriptions.Item label={st('staffHome.account')}>
                <Space size={6}>
                  <UserOutlined />
                  <span data-testid="staff-home-name">{sub.name}</span>
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={st('staffHome.shop')}>
                <Typography.Text copyable code data-testid="staff-home-shop">
                  {sub.shopId}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={st('staffHome.roles')}>
                <span className="kd-staff-tags" data-testid="staff-home-roles">
                  {sub.roles.length === 0 ? (
                    <Typography.Text type="secondary">{st('staff.noRoles')}</Typography.Text>
                  ) : (
                    sub.roles.map((r) => (
                      <Tag key={r.id} color={r.id.startsWith('tpl_') ? 'blue' : 'purple'}>
                        {r.name}
                      </Tag>
                    ))
                  )}
                </span>
              </Descriptions.Item>
            </Descriptions>
            <Space wrap style={{ marginTop: 8 }}>
              <Button
                icon={<ReloadOutlined />}
                onClick={() => void qc.invalidateQueries({ queryKey: ['me'] })}
                loading={me.isFetching}
                data-testid="staff-home-refresh"
              >
                {st('staffHome.refresh')}
              </Button>
              <Button icon={<LogoutOutlined />} onClick={signOut} data-testid="staff-sign-out">
                {st('staffHome.signOut')}
              </Button>
            </Space>
          </Card>
        </Col>
        <Col xs={24} md={14}>
          <Card title={st('staffHome.permissions')} size="small" data-testid="staff-home-permissions">
            {sub.permissions.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={st('staffHome.noPermissions')} />
            ) : (
              groups.map((g) => {
                const held = (index.byGroup.get(g.key) ?? []).filter((p) => sub.permissions.includes(p.key));
                if (held.length === 0) return null;
                return (
                  <div key={g.key} className="kd-staff-field">
                    <div className="kd-staff-field-label">{local(g.label)}</div>
                    <PermissionTags perms={held.map((p) => p.key)} index={index} />
                  </div>
                );
              })
            )}
            <div className="kd-muted" style={{ marginTop: 8 }}>
              {st('staffHome.permissionsHint')}
            </div>
          </Card>
        </Col>
        <Col xs={24}>
          <Card title={st('staffHome.tools')} size="small" data-testid="staff-home-tools">
            {tools.length === 0 ? (
              <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                {st('staffHome.noTools')}
              </Typography.Paragraph>
            ) : (
              <Space orientation="vertical" style={{ width: '100%' }}>
                {tools.map((x) => (
                  <Button
                    key={x.to}
                    icon={x.icon}
                    block
                    onClick={() => navigate(x.to)}
                    data-testid={`staff-tool-${x.permission}`}
                  >
                    {st(x.key)}
                  </Button>
                ))}
              </Space>
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
