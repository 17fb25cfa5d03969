import { FileTextOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Checkbox, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { getAgreement } from '../../api/accounts';
import type { Agreement } from '../../api/types';
import { AgreementDrawer } from '../../components/agreement-drawer';
import { ProblemAlert } from '../../components/problem-alert';
import { formatPhone } from '../../hooks/use-format';
import { useI18n } from '../../i18n/i18n-context';
import type { RegisterState } from './register-state';

type Props = {
  state: RegisterState;
  patch: (p: Partial<RegisterState>) => void;
  error: unknown;
  busy: boolean;
  onBack: () => void;
  onSubmit: (agreement: Agreement) => void;
};

/** Step 4: the current service agreement (AGR-1), read in a drawer and accepted by a checkbox. */
export function AgreementStep({ state, patch, error, busy, onBack, onSubmit }: Props) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState(false);
  const q = useQuery({ queryKey: ['agreement', lang], queryFn: getAgreement });
  if (q.isPending) return <Skeleton active />;
  if (q.error) return <ProblemAlert error={q.error} />;
  const a = q.data;
  const type =
    state.accountType === 'enterprise' ? t('field.accountType.enterprise') : t('field.accountType.personal');
  return (
    <div>
      <Typography.Paragraph type="secondary" data-testid="register-summary">
        {t('register.summary', { type, phone: formatPhone(state.phone) })}
        {state.crossBorder ? ` · ${t('home.crossBorder')}` : ''}
      </Typography.Paragraph>
      <Typography.Paragraph>
        {t('register.agreementIntro', { title: a.title, version: a.version })}
      </Typography.Paragraph>
      <Button
        icon={<FileTextOutlined />}
        onClick={() => setOpen(true)}
        block
        style={{ marginBottom: 16 }}
        data-testid="agreement-open"
      >
        {t('register.agreementRead')}
      </Button>
      <Checkbox
        checked={state.accepted}
        onChange={(e) => patch({ accepted: e.target.checked })}
        data-testid="agreement-accept"
        style={{ marginBottom: 16 }}
      >
        {t('register.agreementAccept', { title: a.title })}
      </Checkbox>
      <ProblemAlert error={error} />
      <div className="kd-step-actions">
        <Button size="large" onClick={onBack}>
          {t('common.back')}
        </Button>
        <Button
          type="primary"
          size="large"
          disabled={!state.accepted}
          loading={busy}
          onClick={() => onSubmit(a)}
          data-testid="register-submit"
        >
          {t('register.submit')}
        </Button>
      </div>
      <AgreementDrawer
        agreement={a}
        open={open}
        onClose={() => setOpen(false)}
        onAccept={() => {
          patch({ accepted: true });
          setOpen(false);
        }}
      />
    </div>
  );
}
