import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Checkbox, Modal, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { acceptAgreement, getAgreement } from '../api/accounts';
import { useI18n } from '../i18n/i18n-context';
import { AgreementBody } from './agreement-body';
import { ProblemAlert } from './problem-alert';

/** AGR-1: a newer agreement version blocks the portal until accepted (POST /v1/me/agreements). */
export function AgreementGate() {
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['agreement', lang], queryFn: getAgreement });
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const accept = async () => {
    if (!q.data) return;
    setBusy(true);
    setError(null);
    try {
      await acceptAgreement(q.data.version);
      await qc.invalidateQueries({ queryKey: ['me'] });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      title={t('agreement.updatedTitle')}
      onOk={accept}
      okText={t('agreement.acceptButton')}
      okButtonProps={{ disabled: !checked || !q.data, loading: busy }}
      cancelButtonProps={{ style: { display: 'none' } }}
      data-testid="agreement-gate"
    >
      {q.data ? (
        <>
          <Typography.Paragraph>
            {t('agreement.updatedBody', { title: q.data.title, version: q.data.version })}
          </Typography.Paragraph>
          <div className="kd-agreement-scroll">
            <Typography.Title level={5}>{q.data.title}</Typography.Title>
            <AgreementBody agreement={q.data} />
          </div>
          <Checkbox
            checked={checked}
            onChange={(e) => setChecked(e.target.checked)}
            style={{ marginTop: 12 }}
          >
            {t('agreement.accept')}
          </Checkbox>
        </>
      ) : (
        <Skeleton active />
      )}
      <ProblemAlert error={error ?? q.error} />
    </Modal>
  );
}
