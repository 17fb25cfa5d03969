import { Form, Input } from 'antd';
import type { PasswordCheck } from '../api/types';
import { useI18n } from '../i18n/i18n-context';
import { PasswordRules } from './password-rules';

type Props = {
  password: string;
  confirm: string;
  onPassword: (v: string) => void;
  onConfirm: (v: string) => void;
  onCheck: (r: PasswordCheck | null) => void;
  phone?: string;
  email?: string;
  label?: string;
};

/** New password + confirmation (PWD-2) with the live rule list (PWD-1). */
export function PasswordFields({
  password,
  confirm,
  onPassword,
  onConfirm,
  onCheck,
  phone,
  email,
  label,
}: Props) {
  const { t } = useI18n();
  const mismatch = confirm.length > 0 && confirm !== password;
  return (
    <>
      <Form.Item label={label ?? t('field.password')} required>
        <Input.Password
          value={password}
          onChange={(e) => onPassword(e.target.value)}
          placeholder={t('field.password.placeholder')}
          autoComplete="new-password"
          size="large"
          maxLength={64}
          data-testid="password"
        />
      </Form.Item>
      <PasswordRules password={password} phone={phone} email={email} onResult={onCheck} />
      <Form.Item
        label={t('field.passwordConfirm')}
        required
        validateStatus={mismatch ? 'error' : undefined}
        help={mismatch ? t('field.password.mismatch') : undefined}
      >
        <Input.Password
          value={confirm}
          onChange={(e) => onConfirm(e.target.value)}
          placeholder={t('field.passwordConfirm.placeholder')}
          autoComplete="new-password"
          size="large"
          maxLength={64}
          data-testid="password-confirm"
        />
      </Form.Item>
    </>
  );
}
