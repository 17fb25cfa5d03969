import { MobileOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n-context';
import { PhoneBindForm } from './phone-bind-form';

/** The masked phone or "not bound"; bind one (accounts registered by email) or change it. */
export function PhoneCard({ phone }: { phone: string | null }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const done = async () => {
    message.success(phone ? t('security.phone.changeDone') : t('security.phone.bindDone'));
    setEditing(false);
    await qc.invalidateQueries({ queryKey: ['me'] });
  };
  const title = (
    <>
      <MobileOutlined /> {t('security.phone')}{' '}
      <Tag color={phone ? 'green' : 'default'} style={{ marginLeft: 4 }} data-testid="phone-status">
        {phone ? t('security.phone.tagBound') : t('security.phone.tagNone')}
      </Tag>
    </>
  );
  return (
    <Card title={title} size="small" data-testid="phone-card">
      <Typography.Paragraph data-testid="phone-current">
        {phone ? t('security.phone.bound', { phone }) : t('security.phone.none')}
      </Typography.Paragraph>
      {!phone || editing ? (
        <PhoneBindForm
          // A new form after each bind: no number or code left over from the last one.
          key={phone ?? 'none'}
          changing={Boolean(phone)}
          onDone={done}
          onCancel={phone ? () => setEditing(false) : undefined}
        />
      ) : (
        <Button block onClick={() => setEditing(true)} data-testid="phone-change">
          {t('security.phone.change')}
        </Button>
      )}
    </Card>
  );
}
