import { ShopOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Result, Tag } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../../api/client';
import { createShop, type NameAvailability, type Shop } from '../../../api/shops';
import { ProblemAlert } from '../../../components/problem-alert';
import { useI18n } from '../../../i18n/i18n-context';
import { navigate } from '../../../router/use-route';
import { currentCase, useVerifications } from '../../verification/use-verification';
import { Loading } from '../shop-loader';
import { ShopShell } from '../shop-shell';
import { currentShop, shopKeys, useRefreshShop, useShops } from '../use-shop';
import { CategoryPicker, useCategory } from './category-picker';
import { NameField } from './name-field';
import { NextAfterOpen } from './next-after-open';
import { NotVerified } from './not-verified';

/** /shop/open: name (live check), category (two levels, with requirements), then POST /v1/shops. */
export function OpenShopPage() {
  const { t } = useI18n();
  const shops = useShops();
  const cases = useVerifications();
  const refresh = useRefreshShop();
  const qc = useQueryClient();
  const [name, setName] = useState('');
  const [check, setCheck] = useState<NameAvailability | undefined>();
  const [l1, setL1] = useState<string | null>(null);
  const [l2, setL2] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { parent, node } = useCategory(l2);

  if (shops.isPending || cases.isPending) return <Loading />;
  const existing = currentShop(shops.data?.shops);
  if (existing && existing.status !== 'closed') {
    return (
      <ShopShell title={t('shop.open.title')} testId="shop-open-page">
        <Result
          status="info"
          icon={<ShopOutlined />}
          title={t('shop.open.haveShop', { name: existing.name })}
          subTitle={t('shop.open.oneShop')}
          extra={
            <Button type="primary" onClick={() => navigate('/shop')} data-testid="to-shop">
              {t('shop.hub.go')}
            </Button>
          }
        />
      </ShopShell>
    );
  }
  const verification = currentCase(cases.data?.verifications);
  const verified = verification?.status === 'approved';
  const notVerified = !verified || isApiError(error, 'verification_required');

  const takenSuggestions =
    isApiError(error, 'shop_name_taken') && Array.isArray(error.problem.suggestions)
      ? (error.problem.suggestions as string[])
      : undefined;
  const nameOk = check?.available === true;
  const submit = async () => {
    if (!l2) return;
    setBusy(true);
    setError(null);
    try {
      const { shop } = await createShop({ name: name.trim(), categoryId: l2 });
      qc.setQueryData(shopKeys.list, (old: { shops: Shop[] } | undefined) => ({
        shops: [shop, ...(old?.shops ?? [])],
      }));
      refresh(shop.id);
      navigate('/shop');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <ShopShell
      title={t('shop.open.title')}
      subtitle={t('shop.open.subtitle')}
      testId="shop-open-page"
      back={{ to: '/', label: t('nav.home') }}
    >
      {notVerified ? (
        <NotVerified status={verification?.status} />
      ) : (
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item label={t('shop.open.name')} required>
            <NameField
              value={name}
              onChange={(v) => {
                setName(v);
                if (isApiError(error, 'shop_name_taken')) setError(null);
              }}
              onChecked={setCheck}
              extraSuggestions={takenSuggestions}
            />
          </Form.Item>
          <Form.Item label={t('shop.open.category')} required>
            <CategoryPicker
              l1={l1}
              l2={l2}
              onChange={(a, b) => {
                setL1(a);
                setL2(b);
              }}
            />
          </Form.Item>
          {node && parent && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              data-testid="category-selected"
              title={
                <>
                  {t('shop.open.selected')} <Tag>{`${parent.name} › ${node.name}`}</Tag>
                </>
              }
              description={<NextAfterOpen requirements={node.requirements} />}
            />
          )}
          <ProblemAlert error={error} />
          <Button
            type="primary"
            htmlType="submit"
            size="large"
            block
            loading={busy}
            disabled={!nameOk || !l2}
            data-testid="open-shop-submit"
          >
            {t('shop.open.submit')}
          </Button>
          {(!nameOk || !l2) && (
            <div className="kd-muted" style={{ marginTop: 8, textAlign: 'center' }}>
              {!nameOk ? t('shop.open.needName') : t('shop.open.needCategory')}
            </div>
          )}
        </Form>
      )}
    </ShopShell>
  );
}
