import { App, Button, Drawer, Form, Input } from 'antd';
import { useState } from 'react';
import { createSubAccount, type PermissionCatalog, type StaffRole, type SubAccount } from '../../api/staff';
import { ProblemAlert } from '../../components/problem-alert';
import { useAction } from '../../hooks/use-action';
import { useIsMobile } from '../../hooks/use-is-mobile';
import { fieldErrors } from './field-errors';
import { EffectivePreview, GrantsEditor } from './grants-editor';
import { StaffPasswordFields } from './staff-password-fields';
import type { CatalogIndex } from './use-staff';
import { useStaffI18n } from './use-staff-i18n';

type Props = {
  shopId: string;
  open: boolean;
  onClose: () => void;
  onCreated: (s: SubAccount) => void;
  catalog: PermissionCatalog;
  index: CatalogIndex;
  roles: StaffRole[];
};

/** The client-side name rules of the server's schema (1–32 characters, no edge spaces). */
export function nameProblem(name: string, st: ReturnType<typeof useStaffI18n>['st']): string | undefined {
  if (!name) return undefined;
  if (name !== name.trim()) return st('staff.field.name.spaces');
  if ([...name].length > 32) return st('staff.field.name.hint');
  return undefined;
}

/**
 * New sub-account (SUB-2/3): name, password twice, a template or custom roles, direct permissions.
 * The change needs a step-up (SUB-1): useAction asks for the SMS code and retries.
 */
export function CreateDrawer({ shopId, open, onClose, onCreated, catalog, index, roles }: Props) {
  const { st } = useStaffI18n();
  const { message } = App.useApp();
  const mobile = useIsMobile();
  const { run, busy, error, setError } = useAction();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [roleIds, setRoleIds] = useState<string[]>([]);
  const [perms, setPerms] = useState<string[]>([]);
  const { fields, rest } = fieldErrors(error);
  const clear = () => error && setError(null);
  const localName = nameProblem(name, st);
  const ready = name.trim().length > 0 && !localName && password.length > 0 && password === confirm;

  const submit = async () => {
    if (!ready || busy) return;
    const r = await run(() =>
      createSubAccount(shopId, { name, password, passwordConfirm: confirm, roleIds, permissions: perms }),
    );
    if (!r) return;
    message.success(st('staff.done.created', { name: r.value.subAccount.name }));
    onCreated(r.value.subAccount);
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={st('staff.create')}
      placement={mobile ? 'bottom' : 'right'}
      size={mobile ? '92%' : 600}
      destroyOnHidden
      footer={
        <Button
          type="primary"
          size="large"
          block
          loading={busy}
          disabled={!ready}
          onClick={submit}
          data-testid="staff-create-submit"
        >
          {st('staff.submit.create')}
        </Button>
      }
      data-testid="staff-create-drawer"
    >
      <Form layout="vertical" requiredMark={false} onFinish={submit} className="kd-staff-form">
        <Form.Item
          label={st('staff.field.name')}
          required
          validateStatus={fields.name || localName ? 'error' : undefined}
          help={fields.name ?? localName ?? st('staff.field.name.hint')}
        >
          <Input
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              clear();
            }}
            placeholder={st('staff.field.name.placeholder')}
            maxLength={32}
            size="large"
            autoComplete="off"
            data-testid="staff-name"
          />
        </Form.Item>
        <StaffPasswordFields
          password={password}
          confirm={confirm}
          onPassword={(v) => {
            setPassword(v);
            clear();
          }}
          onConfirm={(v) => {
            setConfirm(v);
            clear();
          }}
          passwordError={fields.password}
          confirmError={fields.passwordConfirm}
          testId="staff-password"
        />
        <GrantsEditor
          catalog={catalog}
          index={index}
          roles={roles}
          roleIds={roleIds}
          perms={perms}
          onRoleIds={(v) => {
            setRoleIds(v);
            clear();
          }}
          onPerms={(v) => {
            setPerms(v);
            clear();
          }}
          error={fields.permissions}
        />
        <EffectivePreview index={index} roles={roles} roleIds={roleIds} perms={perms} />
        <ProblemAlert error={rest} />
      </Form>
    </Drawer>
  );
}
