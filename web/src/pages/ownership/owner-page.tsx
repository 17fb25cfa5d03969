import { SwapOutlined } from '@ant-design/icons';
import { Button, Descriptions, Result, Skeleton } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../api/client';
import type { Shop } from '../../api/shops';
import { ProblemAlert } from '../../components/problem-alert';
import { formatPhone } from '../../hooks/use-format';
import { useMe } from '../../hooks/use-me';
import { navigate } from '../../router/use-route';
import { ShopShell } from '../shop/shop-shell';
import { currentShop, useShops } from '../shop/use-shop';
import { ForbiddenPage } from '../staff/forbidden-page';
import { CooldownAlerts, cooldownActive } from './cooldown-alerts';
import { EndedPanel } from './ended-panel';
import { OpenTransferPanel } from './open-transfer-panel';
import { OwnerSteps } from './owner-steps';
import { RequestWizard } from './request-wizard';
import { isOpen, useCurrentTransfer } from './use-ownership';
import { useOwnershipI18n } from './use-ownership-i18n';
import './ownership.css';

/** /shop/owner: the owner's side of a main-account change, every window on screen (MAIN-3/4). */
export function OwnerPage() {
  const { ot } = useOwnershipI18n();
  const shops = useShops();
  if (shops.isPending) return <Skeleton active style={{ padding: 24 }} />;
  if (shops.error) {
    if (isApiError(shops.error, 'forbidden')) return <ForbiddenPage />;
    return <Result status="warning" extra={<ProblemAlert error={shops.error} />} />;
  }
  const shop = currentShop(shops.data.shops);
  if (!shop || shop.status === 'closed') {
    return (
      <Result
        status="info"
        title={ot('own.noShop.title')}
        subTitle={ot('own.noShop.body')}
        data-testid="owner-no-shop"
        extra={
          <Button type="primary" onClick={() => navigate('/shop/open')}>
            {ot('own.noShop.go')}
          </Button>
        }
      />
    );
  }
  return <OwnerWizard shop={shop} />;
}

type Draft = { step: 0 | 1; phone: string; normalized: string };

function OwnerWizard({ shop }: { shop: Shop }) {
  const { ot } = useOwnershipI18n();
  const me = useMe().data;
  const q = useCurrentTransfer(shop.id);
  const [draft, setDraft] = useState<Draft>({ step: 0, phone: '', normalized: '' });
  // An ended transfer is shown until the owner starts a new one.
  const [restart, setRestart] = useState<string | null>(null);

  if (q.error) return <ShellOf shop={shop} body={<ProblemAlert error={q.error} />} />;
  if (!q.data) return <ShellOf shop={shop} body={<Skeleton active />} />;
  const { transfer, cooldown } = q.data;
  const open = isOpen(transfer);
  const showEnded = !!transfer && !open && restart !== transfer.id;
  const blocked = cooldownActive(cooldown);

  const body =
    open && transfer ? (
      <OpenTransferPanel shopId={shop.id} transfer={transfer} onChanged={() => q.refetch()} />
    ) : showEnded && transfer ? (
      <EndedPanel
        transfer={transfer}
        canRestart={!blocked}
        onRestart={() => {
          setDraft({ step: 0, phone: '', normalized: '' });
          setRestart(transfer.id);
        }}
      />
    ) : blocked ? (
      <Result
        status="info"
        title={ot('own.cooldown.title')}
        subTitle={ot('own.cooldown.next')}
        data-testid="owner-cooldown-result"
      />
    ) : (
      <RequestWizard
        shop={shop}
        draft={draft}
        setDraft={setDraft}
        onRequested={() => {
          setRestart(null);
          void q.refetch();
        }}
      />
    );

  return (
    <ShellOf
      shop={shop}
      status={transfer?.status ?? 'none'}
      body={
        <>
          <Descriptions
            size="small"
            column={1}
            className="kd-own-facts"
            items={[
              { key: 'shop', label: ot('own.shop'), children: shop.name },
              {
                key: 'owner',
                label: ot('own.current'),
                children: ot('own.currentYou', { phone: formatPhone(me?.merchant?.phone) }),
              },
            ]}
          />
          <CooldownAlerts cooldown={cooldown} />
          <OwnerSteps
            transfer={open || showEnded ? transfer : null}
            wizardStep={draft.step}
            onEnd={() => q.refetch()}
          />
          <div className="kd-own-body">{body}</div>
        </>
      }
    />
  );
}

function ShellOf({ shop, body, status }: { shop: Shop; body: React.ReactNode; status?: string }) {
  const { ot } = useOwnershipI18n();
  return (
    <ShopShell
      title={
        <>
          <SwapOutlined style={{ marginInlineEnd: 8, color: '#1677ff' }} />
          {ot('own.title')}
        </>
      }
      subtitle={ot('own.subtitle')}
      testId="owner-page"
      back={{ to: '/shop', label: shop.name }}
      wide
    >
      <div data-testid="owner-state" data-status={status ?? 'loading'}>
        {body}
      </div>
    </ShopShell>
  );
}
