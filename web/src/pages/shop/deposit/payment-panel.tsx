import { CheckCircleFilled, ExperimentOutlined, PayCircleOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Result, Spin, Tag } from 'antd';
import { useEffect, useState } from 'react';
import {
  confirmSandboxPayment,
  getDepositPayment,
  type Payment,
  type Shop,
  startDepositPayment,
} from '../../../api/shops';
import { ProblemAlert } from '../../../components/problem-alert';
import { useI18n } from '../../../i18n/i18n-context';
import { navigate } from '../../../router/use-route';
import { formatYuan } from '../money';
import { useRefreshShop } from '../use-shop';

const storageKey = (shopId: string) => `kd_deposit_payment_${shopId}`;
const newKey = () =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

/**
 * Paying the deposit: POST …/deposit/payments with an Idempotency-Key (kept for retries of the same
 * attempt), then the provider. In development the sandbox provider is paid here with one button;
 * the page polls the payment until it succeeds or fails.
 */
export function PaymentPanel({ shop, dueFen }: { shop: Shop; dueFen: number }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const refresh = useRefreshShop();
  // One key per attempt: a double click or a network retry cannot pay twice.
  const [key, setKey] = useState(newKey);
  const [paymentId, setPaymentId] = useState<string | null>(() => readStored(shop.id));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const q = useQuery({
    queryKey: ['deposit-payment', shop.id, paymentId],
    queryFn: () => getDepositPayment(shop.id, paymentId!).then((r) => r.payment),
    enabled: Boolean(paymentId),
    retry: false,
    refetchInterval: (x) => (x.state.data?.status === 'pending' ? 2000 : false),
  });
  const payment = q.data;
  const finished = payment && payment.status !== 'pending' ? `${payment.id}:${payment.status}` : null;
  useEffect(() => {
    // The ledger and the shop's status change once the provider settled the payment.
    if (finished) refresh(shop.id);
  }, [finished, refresh, shop.id]);

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const { payment: p } = await startDepositPayment(shop.id, key);
      remember(shop.id, p.id);
      setPaymentId(p.id);
      qc.setQueryData(['deposit-payment', shop.id, p.id], p);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const sandboxPay = async (p: Payment) => {
    setBusy(true);
    setError(null);
    try {
      const r = await confirmSandboxPayment(p.id);
      qc.setQueryData(['deposit-payment', shop.id, p.id], r.payment);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const again = () => {
    forget(shop.id);
    setPaymentId(null);
    setKey(newKey());
    setError(null);
  };

  if (payment?.status === 'succeeded') {
    return (
      <Result
        status="success"
        icon={<CheckCircleFilled />}
        title={t('shop.dep.paid', { amount: formatYuan(payment.amountFen) })}
        subTitle={shop.status === 'draft' ? t('shop.dep.paidDraft') : t('shop.dep.paidNext')}
        data-testid="deposit-paid"
        extra={[
          <Button type="primary" key="hub" onClick={() => navigate('/shop')} data-testid="deposit-to-hub">
            {t('shop.backToHub')}
          </Button>,
          dueFen > 0 ? (
            <Button key="again" onClick={again}>
              {t('shop.dep.payRest')}
            </Button>
          ) : null,
        ]}
      />
    );
  }
  if (payment?.status === 'failed') {
    return (
      <Alert
        type="error"
        showIcon
        title={t('shop.dep.failed')}
        description={t('shop.dep.failedBody')}
        data-testid="deposit-failed"
        action={
          <Button onClick={again} data-testid="deposit-retry">
            {t('common.retry')}
          </Button>
        }
      />
    );
  }
  if (payment?.status === 'pending') {
    const sandbox = payment.provider === 'sandbox';
    return (
      <div className="kd-shop-pay" data-testid="deposit-payment" data-status={payment.status}>
        <div className="kd-shop-pay-amount">¥{formatYuan(payment.amountFen)}</div>
        <div style={{ marginBottom: 12 }}>
          <Tag color="processing">{t('shop.dep.waiting')}</Tag>
          <span className="kd-muted">{payment.id}</span>
        </div>
        <ProblemAlert error={error} />
        {sandbox ? (
          <>
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={t('shop.dep.sandbox')}
              description={t('shop.dep.sandboxBody')}
            />
            <Button
              type="primary"
              size="large"
              block
              icon={<ExperimentOutlined />}
              loading={busy}
              onClick={() => sandboxPay(payment)}
              data-testid="deposit-sandbox-confirm"
            >
              {t('shop.dep.sandboxPay')}
            </Button>
          </>
        ) : payment.payUrl ? (
          <Button
            type="primary"
            size="large"
            block
            href={payment.payUrl}
            target="_blank"
            rel="noopener"
            data-testid="deposit-pay-url"
          >
            {t('shop.dep.goPay')}
          </Button>
        ) : null}
        <div className="kd-muted" style={{ marginTop: 8, textAlign: 'center' }}>
          <Spin size="small" /> {t('shop.dep.polling')}
        </div>
        <Button type="link" block onClick={again} style={{ marginTop: 4 }}>
          {t('shop.dep.startOver')}
        </Button>
      </div>
    );
  }
  if (dueFen <= 0) {
    return (
      <Alert
        type="success"
        showIcon
        title={t('shop.dep.settled')}
        description={shop.status === 'draft' ? t('shop.dep.paidDraft') : t('shop.dep.paidNext')}
        data-testid="deposit-settled"
      />
    );
  }
  return (
    <div className="kd-shop-pay">
      <ProblemAlert error={error ?? q.error} />
      <Button
        type="primary"
        size="large"
        block
        icon={<PayCircleOutlined />}
        loading={busy || (Boolean(paymentId) && q.isPending)}
        onClick={start}
        data-testid="deposit-pay"
      >
        {t('shop.dep.pay', { amount: formatYuan(dueFen) })}
      </Button>
      <div className="kd-muted" style={{ marginTop: 8 }}>
        {t('shop.dep.payNote')}
      </div>
    </div>
  );
}

function readStored(shopId: string): string | null {
  try {
    return window.sessionStorage.getItem(storageKey(shopId));
  } catch {
    return null;
  }
}
function remember(shopId: string, id: string) {
  try {
    window.sessionStorage.setItem(storageKey(shopId), id);
  } catch {
    // storage unavailable: the payment is still shown for this visit
  }
}
function forget(shopId: string) {
  try {
    window.sessionStorage.removeItem(storageKey(shopId));
  } catch {
    // ignore
  }
}
