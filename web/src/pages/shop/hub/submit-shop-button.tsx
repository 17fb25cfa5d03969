import { SendOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import type { Shop } from '../../../api/shops';
import { submitShop } from '../../../api/shops';
import { ProblemAlert } from '../../../components/problem-alert';
import { useI18n } from '../../../i18n/i18n-context';
import { useRefreshShop } from '../use-shop';

/** POST /v1/shops/{id}/submit: a draft goes on to qualification review, the deposit, or ready. */
export function SubmitShopButton({ shop, block }: { shop: Pick<Shop, 'id'>; block?: boolean }) {
  const { t } = useI18n();
  const refresh = useRefreshShop();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const click = async () => {
    setBusy(true);
    setError(null);
    try {
      await submitShop(shop.id);
      refresh(shop.id);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <ProblemAlert error={error} />
      <Button
        type="primary"
        icon={<SendOutlined />}
        loading={busy}
        onClick={click}
        block={block}
        data-testid="shop-submit"
      >
        {t('shop.hub.submit')}
      </Button>
    </>
  );
}
