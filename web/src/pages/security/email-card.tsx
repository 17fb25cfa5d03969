import { MailOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { bindEmail } from '../../api/accounts';
import { ProblemAlert } from '../../components/problem-alert';
import { useOutboxTarget } from '../../dev-outbox/outbox-context';
import { useAction } from '../../hooks/use-action';
import { useI18n } from '../../i18n/i18n-context';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Bind or change the email: POST /v1/me/email, then the link in the mail finishes it. */
export function EmailCard({ email, verified }: { email: string | null; verified: boolean }) {
  const { t } = useI18n();
  const [value, setValue] = useState('');
  const [sentTo, setSentTo] = useState('');
  const [editing, setEditing] = useState(!email);
  const { run, busy, error } = useAction();
  useOutboxTarget(sentTo || value.trim());
  const valid = EMAIL.test(value.trim());
  const submit = async () => {
    if (!valid) return;
    const r = await run(() => bindEmail(value.trim()));
    if (r) setSentTo(value.trim());
  };
  return (
    <Card
      title={
        <>
          <MailOutlined /> {t('security.email')}
        </>
      }
      size="small"
      data-testid="email-card"
    >
      <Typography.Paragraph>
        {email
          ? verified
            ? t('security.email.bound', { email })
            : t('security.email.pending', { email })
          : t('security.email.none')}
      </Typography.Paragraph>
      {sentTo && (
        <Alert
          type="success"
          showIcon
          title={t('security.email.sent', { email: sentTo })}
          style={{ marginBottom: 16 }}
          data-testid="email-sent"
        />
      )}
      {editing ? (
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item
            label={t('field.email')}
            validateStatus={value && !valid ? 'error' : undefined}
            help={value && !valid ? t('field.email.invalid') : undefined}
          >
            <Input
              value={value}
              onChange={(e) => setValue(e.target.value)}
              placeholder={t('field.email.placeholder')}
              inputMode="email"
              autoComplete="email"
              size="large"
              data-testid="bind-email"
            />
          </Form.Item>
          <ProblemAlert error={error} />
          <Button
            type="primary"
            htmlType="submit"
            block
            size="large"
            loading={busy}
            disabled={!valid}
            data-testid="bind-email-submit"
          >
            {t('security.email.bind')}
          </Button>
        </Form>
      ) : (
        <Button onClick={() => setEditing(true)} block>
          {t('security.email.change')}
        </Button>
      )}
    </Card>
  );
}
