import { Alert, Form } from 'antd';
import { useMemo } from 'react';
import type { PermissionCatalog, StaffRole } from '../../api/staff';
import { PermissionChecks, PermissionTags, RolePicker } from './permission-picker';
import type { CatalogIndex } from './use-staff';
import { useStaffI18n } from './use-staff-i18n';

/** What the chosen roles hold together, implications included. */
export function useRolePermissions(index: CatalogIndex, roles: StaffRole[], roleIds: string[]) {
  return useMemo(
    () => index.expand(roles.filter((r) => roleIds.includes(r.id)).flatMap((r) => r.permissions)),
    [index, roles, roleIds],
  );
}

/** Roles (templates + custom) and direct permissions of one sub-account: "配置角色" and create. */
export function GrantsEditor({
  catalog,
  index,
  roles,
  roleIds,
  perms,
  onRoleIds,
  onPerms,
  error,
}: {
  catalog: PermissionCatalog;
  index: CatalogIndex;
  roles: StaffRole[];
  roleIds: string[];
  perms: string[];
  onRoleIds: (v: string[]) => void;
  onPerms: (v: string[]) => void;
  error?: string;
}) {
  const { st } = useStaffI18n();
  const covered = useRolePermissions(index, roles, roleIds);
  return (
    <>
      <Form.Item label={st('staff.field.roles')} extra={st('staff.field.roles.hint')}>
        <RolePicker roles={roles} value={roleIds} onChange={onRoleIds} index={index} />
      </Form.Item>
      <Form.Item
        label={st('staff.field.permissions')}
        extra={st('staff.field.permissions.hint')}
        validateStatus={error ? 'error' : undefined}
      >
        {error && (
          <Alert
            type="error"
            showIcon
            title={error}
            style={{ marginBottom: 8 }}
            data-testid="staff-perm-error"
          />
        )}
        <PermissionChecks
          catalog={catalog}
          index={index}
          value={perms}
          onChange={onPerms}
          covered={covered}
        />
      </Form.Item>
    </>
  );
}

/** The resulting permissions (roles ∪ direct, expanded), as the server will compute them. */
export function EffectivePreview({
  index,
  roles,
  roleIds,
  perms,
}: {
  index: CatalogIndex;
  roles: StaffRole[];
  roleIds: string[];
  perms: string[];
}) {
  const { st } = useStaffI18n();
  const fromRoles = useRolePermissions(index, roles, roleIds);
  const all = index.sort(new Set([...fromRoles, ...index.expand(perms)]));
  return (
    <div className="kd-staff-effective" data-testid="staff-effective">
      <div className="kd-staff-perm-group-title">{st('staff.effective', { n: all.length })}</div>
      <PermissionTags perms={all} index={index} empty={st('staff.noPermissions')} />
    </div>
  );
}
