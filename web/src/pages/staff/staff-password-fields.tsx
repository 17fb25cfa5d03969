import { CheckCircleFilled, CloseCircleFilled, InfoCircleOutlined } from '@ant-design/icons';
import { Form, Input } from 'antd';
import { useStaffI18n } from './use-staff-i18n';

/** The sub-account policy's default minimum (docs/staff.md); the server's answer decides. */
export const SUB_PASSWORD_MIN = 6;

type Props = {
  password: string;
  confirm: string;
  onPassword: (v: string) => void;
  onConfirm: (v: string) => void;
  /** Server errors shown at the field (password_too_weak, password_mismatch). */
  passwordError?: string;
  confirmError?: string;
  testId: string;
  label?: string;
};

/** A sub-account password entered twice (SUB-2, SUB-4) with a live hint of the policy. */
export function StaffPasswordFields(p: Props) {
  const { st, t } = useStaffI18n();
  const mismatch = p.confirm.length > 0 && p.confirm !== p.password;
  const rules: Array<{ key: string; text: string; ok: boolean | null }> = [
    {
      key: 'length',
      text: st('staff.pw.rule.length', { n: SUB_PASSWORD_MIN }),
      ok: p.password.length >= SUB_PASSWORD_MIN,
    },
    { key: 'common', text: st('staff.pw.rule.common'), ok: null },
    { key: 'match', text: st('staff.pw.rule.match'), ok: p.confirm.length > 0 ? !mismatch : null },
  ];
  return (
    <>
      <Form.Item
        label={p.label ?? st('staff.field.password')}
        required
        validateStatus={p.passwordError ? 'error' : undefined}
        help={p.passwordError}
        style={{ marginBottom: 8 }}
      >
        <Input.Password
          value={p.password}
          onChange={(e) => p.onPassword(e.target.value)}
          placeholder={st('staff.field.password.placeholder')}
          autoComplete="new-password"
          size="large"
          maxLength={64}
          data-testid={p.testId}
        />
      </Form.Item>
      <Form.Item
        label={st('staff.field.passwordConfirm')}
        required
        validateStatus={mismatch || p.confirmError ? 'error' : undefined}
        help={mismatch ? t('field.password.mismatch') : p.confirmError}
        style={{ marginBottom: 8 }}
      >
        <Input.Password
          value={p.confirm}
          onChange={(e) => p.onConfirm(e.target.value)}
          placeholder={st('staff.field.passwordConfirm.placeholder')}
          autoComplete="new-password"
          size="large"
          maxLength={64}
          data-testid={`${p.testId}-confirm`}
        />
      </Form.Item>
      <ul className="kd-staff-pw-rules" data-testid={`${p.testId}-rules`}>
        {rules.map((r) => (
          <li
            key={r.key}
            data-ok={r.ok ?? undefined}
            className={r.ok === null ? '' : r.ok ? 'is-ok' : 'is-bad'}
          >
            {r.ok === null ? <InfoCircleOutlined /> : r.ok ? <CheckCircleFilled /> : <CloseCircleFilled />}
            <span>{r.text}</span>
          </li>
        ))}
        <li className="kd-staff-pw-note">{st('staff.pw.policyNote')}</li>
      </ul>
    </>
  );
}

/** Whether the form may be sent: the server still checks the policy and the blocklist. */
export const passwordReady = (password: string, confirm: string) =>
  password.length >= 1 && password === confirm;
