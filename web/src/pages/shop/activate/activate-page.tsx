import { CustomerServiceOutlined, RocketOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Result, Skeleton } from 'antd';
import { useState } from 'react';
import { getOutbox } from '../../../api/accounts';
import { type ActivationResult, getActivation, type Shop } from '../../../api/shops';
import { ProblemAlert } from '../../../components/problem-alert';
import { useI18n } from '../../../i18n/i18n-context';
import { navigate } from '../../../router/use-route';
import { SubmitShopButton } from '../hub/submit-shop-button';
import { ShopLoader } from '../shop-loader';
import { ShopShell } from '../shop-shell';
import { shopKeys, useRefreshShop } from '../use-shop';
import { CodeForm } from './code-form';
import { SummaryCard } from './summary-card';

const MISSING_PATH: Record<string, string> = {
  qualifications: '/shop/qualifications',
  deposit: '/shop/deposit',
};

/** /shop/activate: ACT-1 summary, then ACT-2 send and confirm by code. */
export function ActivatePage() {
  return <ShopLoader>{(shop) => <Activate shop={shop} />}</ShopLoader>;
}

function Activate({ shop }: { shop: Shop }) {
  const { t } = useI18n();
  const refresh = useRefreshShop();
  const q = useQuery({
    queryKey: shopKeys.activation(shop.id),
    queryFn: () => getActivation(shop.id),
    retry: false,
  });
  const [done, setDone] = useState<ActivationResult | null>(null);
  // Development mode: the outbox answers, so point at it for the code.
  const outbox = useQuery({
    queryKey: ['outbox-probe'],
    queryFn: () => getOutbox(''),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const s = q.data;
  const active = !['draft', 'pending_qualification', 'pending_deposit', 'ready_to_activate'].includes(
    shop.status,
  );

  if (done || (active && !q.isPending)) {
    const already = done ? done.alreadyActive : true;
    return (
      <ShopShell title={t('shop.act.title')} testId="shop-activate-page">
        <ActivatedResult already={already} />
      </ShopShell>
    );
  }
  return (
    <ShopShell title={t('shop.act.title')} subtitle={t('shop.act.subtitle')} testId="shop-activate-page">
      {q.error ? <ProblemAlert error={q.error} /> : null}
      {!s && !q.error && <Skeleton active />}
      {s && (
        <>
          <SummaryCard summary={s} />
          {!s.ready && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('shop.act.notReady')}
              data-testid="activation-missing"
              description={
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {s.missing.map((m) => (
                    <li key={m.step} data-step={m.step}>
                      {m.message}{' '}
                      {MISSING_PATH[m.step] && (
                        <Button type="link" size="small" onClick={() => navigate(MISSING_PATH[m.step]!)}>
                          {t('shop.home.handle')}
                        </Button>
                      )}
                    </li>
                  ))}
                </ul>
              }
            />
          )}
          {s.missing.some((m) => m.step === 'submit') && (
            <div style={{ marginBottom: 16 }}>
              <SubmitShopButton shop={shop} block />
            </div>
          )}
          {s.ready && (
            <>
              {outbox.isSuccess && (
                <Alert
                  type="info"
                  showIcon
                  style={{ marginBottom: 12 }}
                  title={t('shop.act.devOutbox')}
                  data-testid="activation-dev-hint"
                />
              )}
              <CodeForm
                shopId={shop.id}
                onDone={(r) => {
                  setDone(r);
                  refresh(shop.id);
                }}
              />
            </>
          )}
          <Button
            type="link"
            block
            icon={<CustomerServiceOutlined />}
            onClick={() => navigate('/shop/support/new?type=activation')}
            style={{ marginTop: 12 }}
            data-testid="activation-help"
          >
            {t('shop.act.help')}
          </Button>
        </>
      )}
    </ShopShell>
  );
}

/** Activated now, or already (ACT-2: not an error); what comes next. */
export function ActivatedResult({ already, signedIn = true }: { already: boolean; signedIn?: boolean }) {
  const { t } = useI18n();
  return (
    <Result
      status="success"
      icon={<RocketOutlined />}
      title={already ? t('shop.act.already') : t('shop.act.done')}
      subTitle={already ? t('shop.act.alreadyBody') : t('shop.act.doneBody')}
      data-testid={already ? 'activation-already' : 'activation-success'}
      extra={
        <Button
          type="primary"
          size="large"
          onClick={() => navigate(signedIn ? '/shop' : '/login')}
          data-testid="activation-to-home"
        >
          {signedIn ? t('shop.act.toHome') : t('nav.signIn')}
        </Button>
      }
    />
  );
}
