import { useQuery } from '@tanstack/react-query';
import { Button, Checkbox, Form, Input, Radio, Result, Typography } from 'antd';
import { useState } from 'react';
import { getAgreement, registerByEmail } from '../../api/accounts';
import type { AccountType, PasswordCheck } from '../../api/types';
import { AgreementDrawer } from '../../components/agreement-drawer';
import { PageCard } from '../../components/page-card';
import { PasswordFields } from '../../components/password-fields';
import { ProblemAlert } from '../../components/problem-alert';
import { useOutboxTarget } from '../../dev-outbox/outbox-context';
import { useI18n } from '../../i18n/i18n-context';
import { Link } from '../../router/link';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** /register/email: email + password, activated by the emailed link (REG-2). */
export function RegisterEmailPage() {
  const { t, lang } = useI18n();
  const [accountType, setAccountType] = useState<AccountType>('personal');
  const [crossBorder, setCrossBorder] = useState(false);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [check, setCheck] = useState<PasswordCheck | null>(null);
  const [accepted, setAccepted] = useState(false);
  const [drawer, setDrawer] = useState(false);
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const agreement = useQuery({ queryKey: ['agreement', lang], queryFn: getAgreement });
  useOutboxTarget(email.trim());
  const emailOk = EMAIL.test(email.trim());
  const ready = emailOk && Boolean(check?.ok) && password === confirm && accepted && Boolean(agreement.data);

  const submit = async () => {
    if (!ready || !agreement.data) return;
    setBusy(true);
    setError(null);
    try {
      await registerByEmail({
        accountType,
        crossBorder,
        email: email.trim(),
        password,
        passwordConfirm: confirm,
        agreementVersion: agreement.data.version,
      });
      setSent(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  if (sent) {
    return (
      <PageCard title={t('registerEmail.title')} testId="register-email-sent">
        <Result
          status="success"
          title={t('registerEmail.sentTitle')}
          subTitle={t('registerEmail.sentBody', { email: email.trim() })}
          style={{ padding: '8px 0' }}
          extra={<Link to="/login">{t('register.signIn')}</Link>}
        />
      </PageCard>
    );
  }
  return (
    <PageCard
      title={t('registerEmail.title')}
      subtitle={t('registerEmail.subtitle')}
      testId="register-email-page"
      extra={
        <>
          <Link to="/register">{t('register.withPhone')}</Link>
          <span className="kd-sep">·</span>
          <Link to="/login">{t('register.signIn')}</Link>
        </>
      }
    >
      <Form layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item label={t('field.accountType')}>
          <Radio.Group
            value={accountType}
            onChange={(e) => setAccountType(e.target.value)}
            optionType="button"
            buttonStyle="solid"
            style={{ display: 'flex' }}
            options={[
              {
                value: 'personal',
                label: t('field.accountType.personal'),
                style: { flex: 1, textAlign: 'center' },
              },
              {
                value: 'enterprise',
                label: t('field.accountType.enterprise'),
                style: { flex: 1, textAlign: 'center' },
              },
            ]}
          />
        </Form.Item>
        <Form.Item>
          <Checkbox checked={crossBorder} onChange={(e) => setCrossBorder(e.target.checked)}>
            {t('field.crossBorder')}
          </Checkbox>
        </Form.Item>
        <Form.Item
          label={t('field.email')}
          validateStatus={email && !emailOk ? 'error' : undefined}
          help={email && !emailOk ? t('field.email.invalid') : undefined}
        >
          <Input
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            placeholder={t('field.email.placeholder')}
            inputMode="email"
            autoComplete="email"
            size="large"
            data-testid="email"
          />
        </Form.Item>
        <PasswordFields
          password={password}
          confirm={confirm}
          onPassword={setPassword}
          onConfirm={setConfirm}
          onCheck={setCheck}
          email={email.trim()}
        />
        {agreement.data && (
          <Form.Item>
            <Checkbox
              checked={accepted}
              onChange={(e) => setAccepted(e.target.checked)}
              data-testid="agreement-accept"
            >
              {t('register.agreementAccept', { title: agreement.data.title })}
            </Checkbox>{' '}
            <Typography.Link onClick={() => setDrawer(true)}>{t('register.agreementRead')}</Typography.Link>
          </Form.Item>
        )}
        <ProblemAlert error={error ?? agreement.error} />
        <Button
          type="primary"
          htmlType="submit"
          size="large"
          block
          loading={busy}
          disabled={!ready}
          data-testid="register-email-submit"
        >
          {t('registerEmail.submit')}
        </Button>
      </Form>
      {agreement.data && (
        <AgreementDrawer
          agreement={agreement.data}
          open={drawer}
          onClose={() => setDrawer(false)}
          onAccept={() => {
            setAccepted(true);
            setDrawer(false);
          }}
        />
      )}
    </PageCard>
  );
}
