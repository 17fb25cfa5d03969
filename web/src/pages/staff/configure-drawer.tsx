import { App, Button, Drawer, Form } from 'antd';
import { useState } from 'react';
import { type PermissionCatalog, type StaffRole, type SubAccount, updateSubAccount } from '../../api/staff';
import { ProblemAlert } from '../../components/problem-alert';
import { useAction } from '../../hooks/use-action';
import { useIsMobile } from '../../hooks/use-is-mobile';
import { fieldErrors } from './field-errors';
import { EffectivePreview, GrantsEditor } from './grants-editor';
import type { CatalogIndex } from './use-staff';
import { useStaffI18n } from './use-staff-i18n';

type Props = {
  shopId: string;
  subAccount: SubAccount | null;
  onClose: () => void;
  onSaved: () => void;
  catalog: PermissionCatalog;
  index: CatalogIndex;
  roles: StaffRole[];
};

/** 配置角色 (SUB-4): replace the roles and direct permissions; open sessions see it at their next request. */
export function ConfigureDrawer({ subAccount, ...rest }: Props) {
  const mobile = useIsMobile();
  const { st } = useStaffI18n();
  return (
    <Drawer
      open={subAccount !== null}
      onClose={rest.onClose}
      title={subAccount ? st('staff.configure.title', { name: subAccount.name }) : ''}
      placement={mobile ? 'bottom' : 'right'}
      size={mobile ? '92%' : 600}
      destroyOnHidden
      data-testid="staff-configure-drawer"
    >
      {subAccount && <ConfigureForm key={subAccount.id} subAccount={subAccount} {...rest} />}
    </Drawer>
  );
}

function ConfigureForm({
  shopId,
  subAccount,
  onSaved,
  catalog,
  index,
  roles,
}: Omit<Props, 'onClose'> & { subAccount: SubAccount }) {
  const { st } = useStaffI18n();
  const { message } = App.useApp();
  const { run, busy, error, setError } = useAction();
  const [roleIds, setRoleIds] = useState(() => subAccount.roles.map((r) => r.id));
  const [perms, setPerms] = useState(() => subAccount.directPermissions);
  const { fields, rest } = fieldErrors(error);
  const save = async () => {
    const r = await run(() => updateSubAccount(shopId, subAccount.id, { roleIds, permissions: perms }));
    if (!r) return;
    message.success(st('staff.done.configured', { name: subAccount.name }));
    onSaved();
  };
  return (
    <Form layout="vertical" requiredMark={false} onFinish={save} className="kd-staff-form">
      <GrantsEditor
        catalog={catalog}
        index={index}
        roles={roles}
        roleIds={roleIds}
        perms={perms}
        onRoleIds={(v) => {
          setRoleIds(v);
          setError(null);
        }}
        onPerms={(v) => {
          setPerms(v);
          setError(null);
        }}
        error={fields.permissions}
      />
      <EffectivePreview index={index} roles={roles} roleIds={roleIds} perms={perms} />
      <ProblemAlert error={rest} />
      <Button
        type="primary"
        htmlType="submit"
        size="large"
        block
        loading={busy}
        data-testid="staff-configure-submit"
      >
        {st('staff.submit.save')}
      </Button>
    </Form>
  );
}
