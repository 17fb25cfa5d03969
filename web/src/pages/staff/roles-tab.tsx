import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { createRole, deleteRole, type PermissionCatalog, type StaffRole, updateRole } from '../../api/staff';
import { ProblemAlert } from '../../components/problem-alert';
import { useAction } from '../../hooks/use-action';
import { useI18n } from '../../i18n/i18n-context';
import { nameProblem } from './create-drawer';
import { fieldErrors } from './field-errors';
import { PermissionChecks, PermissionTags } from './permission-picker';
import type { CatalogIndex } from './use-staff';
import { useStaffI18n } from './use-staff-i18n';

type Props = {
  shopId: string;
  roles: StaffRole[];
  catalog: PermissionCatalog;
  index: CatalogIndex;
  onChanged: () => void;
};

/** The templates (read-only) and the shop's custom roles: create, edit, delete (SUB-2/4). */
export function RolesTab({ shopId, roles, catalog, index, onChanged }: Props) {
  const { st } = useStaffI18n();
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const { run, error } = useAction();
  const [editing, setEditing] = useState<StaffRole | 'new' | null>(null);
  const templates = roles.filter((r) => r.builtIn);
  const custom = roles.filter((r) => !r.builtIn);

  const remove = (r: StaffRole) =>
    modal.confirm({
      title: st('staff.roles.delete.title', { name: r.name }),
      content: st('staff.roles.delete.body'),
      okText: st('staff.roles.delete'),
      okButtonProps: { danger: true, 'data-testid': 'staff-confirm-ok' },
      cancelText: t('common.cancel'),
      onOk: () => {
        void (async () => {
          const res = await run(() => deleteRole(shopId, r.id));
          if (!res) return;
          message.success(st('staff.roles.done.deleted', { name: r.name }));
          onChanged();
        })();
      },
    });

  const roleCard = (r: StaffRole) => (
    <Card key={r.id} size="small" className="kd-staff-card" data-testid={`staff-role-row-${r.name}`}>
      <div className="kd-staff-card-head">
        <Typography.Text strong>{r.name}</Typography.Text>
        <Space size={4}>
          <Tag color={r.builtIn ? 'blue' : 'purple'} style={{ marginInlineEnd: 0 }}>
            {r.builtIn ? st('staff.template') : st('staff.custom')}
          </Tag>
          {typeof r.subAccounts === 'number' && (
            <Tag style={{ marginInlineEnd: 0 }}>{st('staff.roles.holders', { n: r.subAccounts })}</Tag>
          )}
        </Space>
      </div>
      <PermissionTags perms={r.permissions} index={index} testId={`staff-role-perms-${r.name}`} />
      {!r.builtIn && (
        <Space className="kd-staff-actions" size={8}>
          <Button
            size="small"
            icon={<EditOutlined />}
            onClick={() => setEditing(r)}
            data-testid={`staff-role-edit-${r.name}`}
          >
            {st('staff.roles.edit')}
          </Button>
          <Button
            size="small"
            danger
            icon={<DeleteOutlined />}
            onClick={() => remove(r)}
            data-testid={`staff-role-delete-${r.name}`}
          >
            {st('staff.roles.delete')}
          </Button>
        </Space>
      )}
    </Card>
  );

  return (
    <div data-testid="staff-roles-tab">
      <ProblemAlert error={error} />
      <div className="kd-staff-toolbar">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {st('staff.roles.custom')}
        </Typography.Title>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setEditing('new')}
          data-testid="staff-role-create"
        >
          {st('staff.roles.create')}
        </Button>
      </div>
      {custom.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={st('staff.roles.empty')} />
      ) : (
        <div className="kd-staff-grid">{custom.map(roleCard)}</div>
      )}
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {st('staff.roles.templates')}
      </Typography.Title>
      <div className="kd-staff-grid">{templates.map(roleCard)}</div>
      {editing && (
        <RoleModal
          shopId={shopId}
          role={editing === 'new' ? null : editing}
          catalog={catalog}
          index={index}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            onChanged();
          }}
        />
      )}
    </div>
  );
}

function RoleModal({
  shopId,
  role,
  catalog,
  index,
  onClose,
  onSaved,
}: {
  shopId: string;
  role: StaffRole | null;
  catalog: PermissionCatalog;
  index: CatalogIndex;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { st } = useStaffI18n();
  const { t } = useI18n();
  const { message } = App.useApp();
  const { run, busy, error, setError } = useAction();
  const [name, setName] = useState(role?.name ?? '');
  const [perms, setPerms] = useState<string[]>(role?.permissions ?? []);
  const { fields, rest } = fieldErrors(error);
  const localName = nameProblem(name, st);
  const ready = name.trim().length > 0 && !localName && perms.length > 0;
  const submit = async () => {
    if (!ready || busy) return;
    const r = await run(() =>
      role
        ? updateRole(shopId, role.id, { name, permissions: perms })
        : createRole(shopId, { name, permissions: perms }),
    );
    if (!r) return;
    message.success(
      st(role ? 'staff.roles.done.updated' : 'staff.roles.done.created', { name: r.value.role.name }),
    );
    onSaved();
  };
  return (
    <Modal
      open
      title={role ? st('staff.roles.editTitle', { name: role.name }) : st('staff.roles.createTitle')}
      onCancel={onClose}
      onOk={submit}
      okText={st('staff.submit.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !ready, loading: busy, 'data-testid': 'staff-role-submit' }}
      mask={{ closable: false }}
      width={640}
      data-testid="staff-role-modal"
    >
      <Form layout="vertical" requiredMark={false} onFinish={submit}>
        <Form.Item
          label={st('staff.roles.field.name')}
          required
          validateStatus={fields.name || localName ? 'error' : undefined}
          help={fields.name ?? localName}
        >
          <Input
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setError(null);
            }}
            placeholder={st('staff.roles.field.name.placeholder')}
            maxLength={32}
            size="large"
            data-testid="staff-role-name"
          />
        </Form.Item>
        <Form.Item
          label={st('staff.roles.field.permissions')}
          required
          validateStatus={fields.permissions ? 'error' : undefined}
          help={
            fields.permissions ??
            (perms.length === 0 ? st('staff.roles.field.permissions.required') : undefined)
          }
        >
          <PermissionChecks
            catalog={catalog}
            index={index}
            value={perms}
            onChange={(v) => {
              setPerms(v);
              setError(null);
            }}
          />
        </Form.Item>
      </Form>
      <ProblemAlert error={rest} />
    </Modal>
  );
}
