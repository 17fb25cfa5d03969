import { CheckOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form } from 'antd';
import { useMemo, useState } from 'react';
import { isApiError } from '../../../api/client';
import { createProduct, type Media, type ProductOption, type Shop } from '../../../api/shops';
import { ProblemAlert } from '../../../components/problem-alert';
import { useI18n } from '../../../i18n/i18n-context';
import { Link } from '../../../router/link';
import { navigate } from '../../../router/use-route';
import { graphemeLength } from '../graphemes';
import { parseYuan } from '../money';
import { ShopLoader } from '../shop-loader';
import { ShopShell } from '../shop-shell';
import { shopKeys, useRefreshShop } from '../use-shop';
import { combinations, comboKey, usableOptions } from './combos';
import { MediaField } from './media-field';
import { SkuProblem } from './sku-problem';
import { type SkuDraft, SkuTable } from './sku-table';
import { TITLE_MAX, TitleField } from './title-field';
import { VariantsEditor } from './variants-editor';

/** /shop/products/new (PROD-1): title, variants → one SKU per combination, main image, video. */
export function NewProductPage() {
  return <ShopLoader>{(shop) => <NewProduct shop={shop} />}</ShopLoader>;
}

function NewProduct({ shop }: { shop: Shop }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const refresh = useRefreshShop();
  const [title, setTitle] = useState('');
  const [options, setOptions] = useState<ProductOption[]>([]);
  const [skus, setSkus] = useState<Record<string, SkuDraft>>({});
  const [image, setImage] = useState<Media | null>(null);
  const [video, setVideo] = useState<Media | null>(null);
  const [showErrors, setShowErrors] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const usable = useMemo(() => usableOptions(options), [options]);
  const combos = useMemo(() => combinations(usable), [usable]);

  const titleLength = graphemeLength(title);
  const rows = combos.map((c) => {
    const d = skus[comboKey(c)] ?? { price: '', stock: null };
    return { options: c, price: parseYuan(d.price), stock: d.stock };
  });
  const problems: string[] = [];
  if (titleLength === 0 || titleLength > TITLE_MAX) problems.push(t('shop.prod.needTitle'));
  if (rows.some((r) => !r.price.ok || r.stock === null)) problems.push(t('shop.prod.needSkus'));
  if (!image) problems.push(t('shop.prod.needImage'));
  if (combos.length > 400) problems.push(t('shop.prod.tooMany'));

  const submit = async () => {
    setShowErrors(true);
    if (problems.length > 0) return;
    setBusy(true);
    setError(null);
    try {
      await createProduct(shop.id, {
        title: title.trim(),
        options: usable,
        skus: rows.map((r) => ({
          options: r.options,
          priceFen: r.price.ok ? r.price.fen : 0,
          stock: r.stock ?? 0,
        })),
        mainImageId: image!.id,
        videoId: video?.id ?? null,
      });
      void qc.invalidateQueries({ queryKey: shopKeys.products(shop.id) });
      refresh(shop.id);
      message.success(t('shop.prod.created'));
      navigate('/shop/products');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <ShopShell
      title={t('shop.products.new')}
      subtitle={t('shop.prod.subtitle')}
      testId="shop-new-product-page"
      back={{ to: '/shop/products', label: t('shop.products.title') }}
    >
      <Form layout="vertical" component="div" requiredMark={false}>
        <Form.Item label={t('shop.prod.titleLabel')} required>
          <TitleField value={title} onChange={setTitle} />
        </Form.Item>
        <Form.Item label={t('shop.prod.variants')} extra={t('shop.prod.variantsHint')}>
          <VariantsEditor options={options} onChange={setOptions} />
        </Form.Item>
        <Form.Item label={t('shop.prod.skus', { n: combos.length })} required>
          <SkuTable combos={combos} values={skus} onChange={setSkus} showErrors={showErrors} />
        </Form.Item>
        <Form.Item label={t('shop.prod.mainImage')} required>
          <MediaField shopId={shop.id} kind="image" media={image} onChange={setImage} />
        </Form.Item>
        <Form.Item label={t('shop.prod.video')}>
          <MediaField shopId={shop.id} kind="video" media={video} onChange={setVideo} />
        </Form.Item>
      </Form>
      {showErrors && problems.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={problems.join(' ')}
          data-testid="product-problems"
        />
      )}
      {isApiError(error, 'qualifications_pending') && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 8 }}
          title={error.problem.title}
          data-code={error.code}
          action={<Link to="/shop/qualifications">{t('shop.step.qual.go')}</Link>}
        />
      )}
      <SkuProblem error={error} />
      {!isApiError(error, 'sku_invalid') && !isApiError(error, 'qualifications_pending') && (
        <ProblemAlert error={error} />
      )}
      <Button
        type="primary"
        size="large"
        block
        icon={<CheckOutlined />}
        loading={busy}
        onClick={submit}
        data-testid="product-submit"
      >
        {t('shop.prod.submit')}
      </Button>
    </ShopShell>
  );
}
