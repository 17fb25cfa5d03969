import { Button, Popconfirm } from 'antd';
import { useState } from 'react';
import { type Verification, withdrawVerification } from '../../../api/verification';
import { ProblemAlert } from '../../../components/problem-alert';
import { useI18n } from '../../../i18n/i18n-context';
import { useStoreVerification } from '../use-verification';

/** Withdraw an undecided case (its identity is released), after a confirmation. */
export function WithdrawButton({ v }: { v: Verification }) {
  const { t } = useI18n();
  const store = useStoreVerification();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const withdraw = async () => {
    setBusy(true);
    setError(null);
    try {
      store((await withdrawVerification(v.id)).verification);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <ProblemAlert error={error} />
      <Popconfirm
        title={t('verification.withdrawConfirm')}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        onConfirm={withdraw}
      >
        <Button type="text" danger loading={busy} data-testid="verification-withdraw">
          {t('verification.withdraw')}
        </Button>
      </Popconfirm>
    </>
  );
}
