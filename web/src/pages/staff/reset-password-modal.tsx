import { App, Form, Modal, Typography } from 'antd';
import { useState } from 'react';
import { resetSubAccountPassword, type SubAccount } from '../../api/staff';
import { ProblemAlert } from '../../components/problem-alert';
import { useAction } from '../../hooks/use-action';
import { useI18n } from '../../i18n/i18n-context';
import { fieldErrors } from './field-errors';
import { StaffPasswordFields } from './staff-password-fields';
import { useStaffI18n } from './use-staff-i18n';

/** Reset a sub-account's password, entered twice (SUB-4); its sessions end at once. */
export function ResetPasswordModal({
  shopId,
  subAccount,
  onClose,
}: {
  shopId: string;
  subAccount: SubAccount;
  onClose: () => void;
}) {
  const { st } = useStaffI18n();
  const { t } = useI18n();
  const { message } = App.useApp();
  const { run, busy, error, setError } = useAction();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const { fields, rest } = fieldErrors(error);
  const ready = password.length > 0 && password === confirm;
  const submit = async () => {
    if (!ready || busy) return;
    const r = await run(() =>
      resetSubAccountPassword(shopId, subAccount.id, { password, passwordConfirm: confirm }),
    );
    if (!r) return;
    message.success(st('staff.done.reset', { name: subAccount.name }));
    onClose();
  };
  return (
    <Modal
      open
      title={st('staff.reset.title', { name: subAccount.name })}
      onCancel={onClose}
      onOk={submit}
      okText={st('staff.reset.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !ready, loading: busy, 'data-testid': 'staff-reset-submit' }}
      mask={{ closable: false }}
      data-testid="staff-reset-modal"
    >
      <Typography.Paragraph type="secondary">{st('staff.reset.body')}</Typography.Paragraph>
      <Form layout="vertical" requiredMark={false} onFinish={submit}>
        <StaffPasswordFields
          password={password}
          confirm={confirm}
          onPassword={(v) => {
            setPassword(v);
            setError(null);
          }}
          onConfirm={(v) => {
            setConfirm(v);
            setError(null);
          }}
          passwordError={fields.password}
          confirmError={fields.passwordConfirm}
          testId="staff-reset-password"
        />
      </Form>
      <ProblemAlert error={rest} />
    </Modal>
  );
}
