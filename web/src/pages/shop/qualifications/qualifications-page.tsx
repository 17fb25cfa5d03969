import { SendOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Result, Skeleton } from 'antd';
import { useState } from 'react';
import {
  listQualifications,
  type Qualification,
  type Shop,
  submitQualifications,
  submitShop,
} from '../../../api/shops';
import { ProblemAlert } from '../../../components/problem-alert';
import { useI18n } from '../../../i18n/i18n-context';
import { navigate } from '../../../router/use-route';
import { ShopLoader } from '../shop-loader';
import { ShopShell } from '../shop-shell';
import { shopKeys, useRefreshShop } from '../use-shop';
import { QualificationItem } from './qualification-item';

/** /shop/qualifications (SHOP-3): one card per required licence, then submit for manual review. */
export function QualificationsPage() {
  return <ShopLoader>{(shop) => <Qualifications shop={shop} />}</ShopLoader>;
}

const EDITABLE_SHOP: readonly Shop['status'][] = ['draft', 'pending_qualification'];

function Qualifications({ shop }: { shop: Shop }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const refresh = useRefreshShop();
  const q = useQuery({
    queryKey: shopKeys.qualifications(shop.id),
    queryFn: () => listQualifications(shop.id).then((r) => r.qualifications),
    retry: false,
    refetchInterval: (x) => (x.state.data?.some((i) => i.status === 'pending_review') ? 10_000 : false),
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const list = q.data;
  const store = (items: Qualification[]) => qc.setQueryData(shopKeys.qualifications(shop.id), items);
  const update = (item: Qualification) => store((list ?? []).map((x) => (x.code === item.code ? item : x)));

  const shopEditable = EDITABLE_SHOP.includes(shop.status);
  const waiting = list?.filter((x) => x.status === 'missing' || x.status === 'rejected') ?? [];
  const attached = list?.filter((x) => x.status === 'attached') ?? [];
  const inReview = list?.some((x) => x.status === 'pending_review');
  const allApproved = list && list.length > 0 && list.every((x) => x.status === 'approved');
  const canSubmit = shopEditable && waiting.length === 0 && attached.length > 0;

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      // A draft goes to qualification review first (its category requires licences).
      if (shop.status === 'draft') await submitShop(shop.id);
      const r = await submitQualifications(shop.id);
      store(r.qualifications);
      refresh(shop.id);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <ShopShell
      title={t('shop.qual.title')}
      subtitle={t('shop.qual.subtitle')}
      testId="shop-qualifications-page"
    >
      {q.error ? <ProblemAlert error={q.error} /> : null}
      {!list && !q.error && <Skeleton active />}
      {list && list.length === 0 && (
        <Result
          status="success"
          title={t('shop.step.qual.none')}
          extra={<Button onClick={() => navigate('/shop')}>{t('shop.backToHub')}</Button>}
        />
      )}
      {allApproved && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('shop.step.qual.done')}
          description={t('shop.qual.approvedNext')}
          data-testid="qual-all-approved"
        />
      )}
      {inReview && !allApproved && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('shop.qual.inReview')}
          description={t('shop.qual.inReviewNext')}
          data-testid="qual-in-review"
        />
      )}
      {list && list.length > 0 && !shopEditable && !allApproved && !inReview && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('shop.qual.locked')} />
      )}
      <div className="kd-shop-grid">
        {list?.map((item) => (
          <QualificationItem
            key={item.code}
            shopId={shop.id}
            item={item}
            editable={shopEditable}
            onChange={update}
          />
        ))}
      </div>
      <ProblemAlert error={error} />
      {list && list.length > 0 && shopEditable && (attached.length > 0 || waiting.length > 0) && (
        <>
          <Button
            type="primary"
            size="large"
            block
            icon={<SendOutlined />}
            disabled={!canSubmit}
            loading={busy}
            onClick={submit}
            data-testid="qual-submit"
          >
            {t('shop.qual.submit')}
          </Button>
          <div className="kd-muted" style={{ marginTop: 8, textAlign: 'center' }}>
            {waiting.length > 0 ? t('shop.qual.needAll', { n: waiting.length }) : t('shop.qual.reviewSla')}
          </div>
        </>
      )}
    </ShopShell>
  );
}
