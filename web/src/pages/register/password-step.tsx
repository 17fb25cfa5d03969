import { Button, Form } from 'antd';
import { useState } from 'react';
import type { PasswordCheck } from '../../api/types';
import { PasswordFields } from '../../components/password-fields';
import { ProblemAlert } from '../../components/problem-alert';
import { useI18n } from '../../i18n/i18n-context';
import type { RegisterState } from './register-state';

type Props = {
  state: RegisterState;
  patch: (p: Partial<RegisterState>) => void;
  error: unknown;
  onBack: () => void;
  onNext: () => void;
};

/** Step 3: password and confirmation with the live rule list; Next once every rule passes and both match. */
export function PasswordStep({ state, patch, error, onBack, onNext }: Props) {
  const { t } = useI18n();
  const [check, setCheck] = useState<PasswordCheck | null>(null);
  const ok = Boolean(check?.ok) && state.password === state.passwordConfirm;
  return (
    <Form layout="vertical" onFinish={() => ok && onNext()} requiredMark={false}>
      <PasswordFields
        password={state.password}
        confirm={state.passwordConfirm}
        onPassword={(v) => patch({ password: v })}
        onConfirm={(v) => patch({ passwordConfirm: v })}
        onCheck={setCheck}
        phone={state.phone}
      />
      <ProblemAlert error={error} />
      <div className="kd-step-actions">
        <Button size="large" onClick={onBack}>
          {t('common.back')}
        </Button>
        <Button type="primary" htmlType="submit" size="large" disabled={!ok} data-testid="next">
          {t('common.next')}
        </Button>
      </div>
    </Form>
  );
}
