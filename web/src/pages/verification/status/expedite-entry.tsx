import { ThunderboltOutlined } from '@ant-design/icons';
import { Alert, Button, Typography } from 'antd';
import { useState } from 'react';
import type { Verification } from '../../../api/verification';
import { useFormat } from '../../../hooks/use-format';
import { useI18n } from '../../../i18n/i18n-context';
import { useNow } from '../liveness/use-now';
import { ExpediteModal } from './expedite-modal';

/** KYC-8: after 48 hours without a result, the merchant may ask for expedited review. */
export function ExpediteEntry({ v }: { v: Verification }) {
  const { t } = useI18n();
  const { dateTime } = useFormat();
  const now = useNow(30_000);
  const [open, setOpen] = useState(false);
  const e = v.expedite;
  if (!e?.eligibleAt && !e?.requestedAt) return null;
  if (e.requestedAt)
    return (
      <Alert
        type="success"
        showIcon
        title={t('verification.expedite.requested', { time: dateTime(e.requestedAt) })}
        data-testid="expedite-requested"
      />
    );
  if (new Date(e.eligibleAt!).getTime() > now)
    return (
      <Typography.Text type="secondary" style={{ fontSize: 13 }} data-testid="expedite-later">
        {t('verification.expedite.after', { time: dateTime(e.eligibleAt) })}
      </Typography.Text>
    );
  return (
    <>
      <Alert
        type="info"
        showIcon
        title={t('verification.expedite.available')}
        description={
          <Button
            icon={<ThunderboltOutlined />}
            onClick={() => setOpen(true)}
            data-testid="expedite-open"
            style={{ marginTop: 8 }}
          >
            {t('verification.expedite.title')}
          </Button>
        }
      />
      {open && <ExpediteModal v={v} onClose={() => setOpen(false)} />}
    </>
  );
}
