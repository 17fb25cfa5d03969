import {
  CheckCircleOutlined,
  DeleteOutlined,
  KeyOutlined,
  SettingOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { App, Button, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import { deleteSubAccount, disableSubAccount, enableSubAccount, type SubAccount } from '../../api/staff';
import { ProblemAlert } from '../../components/problem-alert';
import { useAction } from '../../hooks/use-action';
import { useFormat } from '../../hooks/use-format';
import { useIsMobile } from '../../hooks/use-is-mobile';
import { useI18n } from '../../i18n/i18n-context';
import { PermissionTags } from './permission-picker';
import type { CatalogIndex } from './use-staff';
import { useStaffI18n } from './use-staff-i18n';

type Props = {
  shopId: string;
  subAccounts: SubAccount[];
  index: CatalogIndex;
  onConfigure: (s: SubAccount) => void;
  onReset: (s: SubAccount) => void;
  onChanged: () => void;
};

/** Every sub-account with its roles, permissions and status (SUB-4): cards on a phone, a table on desktop. */
export function SubAccountList({ shopId, subAccounts, index, onConfigure, onReset, onChanged }: Props) {
  const { st } = useStaffI18n();
  const { t } = useI18n();
  const mobile = useIsMobile();
  const { modal, message } = App.useApp();
  const { run, error } = useAction();

  const act = async (kind: 'disable' | 'enable' | 'delete', s: SubAccount) => {
    const call = (): Promise<unknown> =>
      kind === 'disable'
        ? disableSubAccount(shopId, s.id)
        : kind === 'enable'
          ? enableSubAccount(shopId, s.id)
          : deleteSubAccount(shopId, s.id);
    const r = await run(call);
    if (!r) return;
    const key =
      kind === 'disable'
        ? 'staff.done.disabled'
        : kind === 'enable'
          ? 'staff.done.enabled'
          : 'staff.done.deleted';
    message.success(st(key, { name: s.name }));
    onChanged();
  };
  const confirm = (kind: 'disable' | 'delete', s: SubAccount) =>
    modal.confirm({
      title: st(kind === 'disable' ? 'staff.disable.title' : 'staff.delete.title', { name: s.name }),
      content: st(kind === 'disable' ? 'staff.disable.body' : 'staff.delete.body'),
      okText: kind === 'disable' ? st('staff.action.disable') : st('staff.delete.ok'),
      okButtonProps: { danger: true, 'data-testid': 'staff-confirm-ok' },
      cancelText: t('common.cancel'),
      // Closes first: a step-up, if needed, opens its own modal.
      onOk: () => {
        void act(kind, s);
      },
    });

  const actions = (s: SubAccount) => (
    <Space wrap size={[8, 8]} className="kd-staff-actions">
      <Button
        size="small"
        icon={<SettingOutlined />}
        onClick={() => onConfigure(s)}
        data-testid={`staff-configure-${s.name}`}
      >
        {st('staff.action.configure')}
      </Button>
      <Button
        size="small"
        icon={<KeyOutlined />}
        onClick={() => onReset(s)}
        data-testid={`staff-reset-${s.name}`}
      >
        {st('staff.action.reset')}
      </Button>
      {s.status === 'active' ? (
        <Button
          size="small"
          icon={<StopOutlined />}
          onClick={() => confirm('disable', s)}
          data-testid={`staff-disable-${s.name}`}
        >
          {st('staff.action.disable')}
        </Button>
      ) : (
        <Button
          size="small"
          icon={<CheckCircleOutlined />}
          onClick={() => act('enable', s)}
          data-testid={`staff-enable-${s.name}`}
        >
          {st('staff.action.enable')}
        </Button>
      )}
      <Button
        size="small"
        danger
        icon={<DeleteOutlined />}
        onClick={() => confirm('delete', s)}
        data-testid={`staff-delete-${s.name}`}
      >
        {st('staff.action.delete')}
      </Button>
    </Space>
  );

  if (subAccounts.length === 0) {
    return (
      <>
        <ProblemAlert error={error} />
        <Empty description={st('staff.empty')} data-testid="staff-empty" />
      </>
    );
  }

  return (
    <>
      <ProblemAlert error={error} />
      {mobile ? (
        <div className="kd-staff-cards" data-testid="staff-cards">
          {subAccounts.map((s) => (
            <Card
              key={s.id}
              size="small"
              className="kd-staff-card"
              data-testid={`staff-row-${s.name}`}
              data-status={s.status}
            >
              <div className="kd-staff-card-head">
                <Typography.Text strong className="kd-staff-card-name">
                  {s.name}
                </Typography.Text>
                <StatusTag s={s} />
              </div>
              <Field label={st('staff.col.roles')}>
                <RoleTags s={s} />
              </Field>
              <Field label={st('staff.col.permissions')}>
                <PermissionTags
                  perms={s.permissions}
                  index={index}
                  empty={st('staff.noPermissions')}
                  testId={`staff-perms-${s.name}`}
                />
              </Field>
              {actions(s)}
            </Card>
          ))}
        </div>
      ) : (
        <Table<SubAccount>
          rowKey="id"
          dataSource={subAccounts}
          pagination={false}
          size="middle"
          data-testid="staff-table"
          onRow={(s) =>
            ({
              'data-testid': `staff-row-${s.name}`,
              'data-status': s.status,
            }) as React.HTMLAttributes<HTMLElement>
          }
          columns={[
            {
              key: 'name',
              title: st('staff.col.name'),
              width: 160,
              render: (_, s) => <NameCell s={s} />,
            },
            { key: 'roles', title: st('staff.col.roles'), width: 180, render: (_, s) => <RoleTags s={s} /> },
            {
              key: 'perms',
              title: st('staff.col.permissions'),
              render: (_, s) => (
                <PermissionTags
                  perms={s.permissions}
                  index={index}
                  empty={st('staff.noPermissions')}
                  testId={`staff-perms-${s.name}`}
                />
              ),
            },
            {
              key: 'status',
              title: st('staff.col.status'),
              width: 90,
              render: (_, s) => <StatusTag s={s} />,
            },
            { key: 'actions', title: st('staff.col.actions'), width: 230, render: (_, s) => actions(s) },
          ]}
        />
      )}
    </>
  );
}

function NameCell({ s }: { s: SubAccount }) {
  const { st } = useStaffI18n();
  const { dateTime } = useFormat();
  return (
    <>
      <Typography.Text strong>{s.name}</Typography.Text>
      <div className="kd-muted">{st('staff.createdAt', { time: dateTime(s.createdAt) })}</div>
    </>
  );
}

function StatusTag({ s }: { s: SubAccount }) {
  const { st } = useStaffI18n();
  return (
    <Tag
      color={s.status === 'active' ? 'green' : 'default'}
      data-testid={`staff-status-${s.name}`}
      style={{ marginInlineEnd: 0 }}
    >
      {s.status === 'active' ? st('staff.status.active') : st('staff.status.disabled')}
    </Tag>
  );
}

function RoleTags({ s }: { s: SubAccount }) {
  const { st } = useStaffI18n();
  return (
    <span className="kd-staff-tags" data-testid={`staff-roles-${s.name}`}>
      {s.roles.map((r) => (
        <Tag key={r.id} color={r.id.startsWith('tpl_') ? 'blue' : 'purple'} data-role={r.id}>
          {r.name}
        </Tag>
      ))}
      {s.directPermissions.length > 0 && <Tag>{st('staff.direct')}</Tag>}
      {s.roles.length === 0 && s.directPermissions.length === 0 && (
        <Typography.Text type="secondary">{st('staff.noRoles')}</Typography.Text>
      )}
    </span>
  );
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="kd-staff-field">
      <div className="kd-staff-field-label">{label}</div>
      <div>{children}</div>
    </div>
  );
}
