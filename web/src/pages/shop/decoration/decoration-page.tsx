import { CloudUploadOutlined, EyeOutlined, SaveOutlined, ShoppingCartOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../../api/client';
import {
  type Decoration,
  type DecorationModule,
  getDecoration,
  listTemplates,
  previewUrl,
  publishDecoration,
  purchaseTemplate,
  type Shop,
  saveDecoration,
  type Template,
} from '../../../api/shops';
import { ProblemAlert } from '../../../components/problem-alert';
import { useFormat } from '../../../hooks/use-format';
import { useI18n } from '../../../i18n/i18n-context';
import { formatYuan } from '../money';
import { ShopLoader } from '../shop-loader';
import { ShopShell } from '../shop-shell';
import { shopKeys } from '../use-shop';
import { BannerEditor } from './banner-editor';
import { ModuleList } from './module-list';
import { TemplatePicker } from './template-picker';
import { Violations } from './violations';

/** /shop/decoration (SHOP-4): a template, the banner text and image, save, publish, and the preview. */
export function DecorationPage() {
  return <ShopLoader>{(shop) => <DecorationLoader shop={shop} />}</ShopLoader>;
}

function DecorationLoader({ shop }: { shop: Shop }) {
  const { t } = useI18n();
  const templates = useQuery({ queryKey: shopKeys.templates, queryFn: listTemplates, staleTime: 300_000 });
  const deco = useQuery({
    queryKey: shopKeys.decoration(shop.id),
    queryFn: () =>
      getDecoration(shop.id).then(
        (r) => r.decoration,
        (e) => {
          if (isApiError(e, 'decoration_not_found')) return null;
          throw e;
        },
      ),
    retry: false,
  });
  const error = templates.error ?? deco.error;
  return (
    <ShopShell title={t('shop.deco.title')} subtitle={t('shop.deco.subtitle')} testId="shop-decoration-page">
      {error ? <ProblemAlert error={error} /> : null}
      {!error && (!templates.data || deco.data === undefined) ? (
        <Skeleton active />
      ) : templates.data && deco.data !== undefined ? (
        // Re-mount the editor when the server's draft changes version (after save/publish/reload).
        <Editor
          key={deco.data?.draft.version ?? 0}
          shop={shop}
          templates={templates.data.templates}
          decoration={deco.data}
        />
      ) : null}
    </ShopShell>
  );
}

type EditorProps = { shop: Shop; templates: Template[]; decoration: Decoration | null };

function Editor({ shop, templates, decoration }: EditorProps) {
  const { t } = useI18n();
  const { dateTime } = useFormat();
  const qc = useQueryClient();
  const initial = templates.find((x) => x.id === decoration?.templateId) ?? templates[0]!;
  const [template, setTemplate] = useState<Template>(initial);
  const [modules, setModules] = useState<DecorationModule[]>(decoration?.draft.modules ?? initial.modules);
  const [dirty, setDirty] = useState(!decoration);
  const [busy, setBusy] = useState<'save' | 'publish' | 'buy' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [bought, setBought] = useState<Record<string, 'pending' | 'paid'>>({});
  const store = (d: Decoration) => qc.setQueryData(shopKeys.decoration(shop.id), d);

  const paid = (id: string) =>
    bought[id] === 'paid' || (decoration?.templateId === id && decoration.templatePaid);
  const first = modules[0];
  const banner = first && (first.type === 'hero_banner' || first.type === 'promotion') ? first : null;

  const pick = (tpl: Template) => {
    setTemplate(tpl);
    setModules(tpl.id === decoration?.templateId ? decoration.draft.modules : tpl.modules);
    setDirty(true);
    setError(null);
  };
  const save = async (): Promise<Decoration | undefined> => {
    const { decoration: d } = await saveDecoration(shop.id, {
      templateId: template.id,
      theme: template.id === decoration?.templateId ? decoration.draft.theme : template.theme,
      modules,
      baseVersion: decoration?.draft.version,
    });
    return d;
  };
  const run = async (what: 'save' | 'publish') => {
    setBusy(what);
    setError(null);
    try {
      let d = dirty || !decoration ? await save() : decoration;
      if (d && what === 'publish') d = (await publishDecoration(shop.id, d.draft.version)).decoration;
      if (d) store(d);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  const buy = async () => {
    setBusy('buy');
    setError(null);
    try {
      const { purchase } = await purchaseTemplate(shop.id, template.id);
      setBought((b) => ({ ...b, [template.id]: purchase.status }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const needsPurchase = !template.free && !paid(template.id);
  const published = decoration?.published;
  return (
    <div data-testid="decoration-editor" data-dirty={dirty}>
      <Typography.Title level={5}>{t('shop.deco.templates')}</Typography.Title>
      <TemplatePicker templates={templates} value={template.id} paid={paid} onChange={pick} />
      {needsPurchase && (
        <Alert
          type={bought[template.id] === 'pending' ? 'info' : 'warning'}
          showIcon
          style={{ margin: '12px 0' }}
          title={
            bought[template.id] === 'pending'
              ? t('shop.deco.purchasePending')
              : t('shop.deco.paidTemplate', { amount: formatYuan(template.priceFen) })
          }
          action={
            bought[template.id] ? undefined : (
              <Button
                size="small"
                icon={<ShoppingCartOutlined />}
                loading={busy === 'buy'}
                onClick={buy}
                data-testid="decoration-purchase"
              >
                {t('shop.deco.buy')}
              </Button>
            )
          }
          data-testid="decoration-paid-note"
        />
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('shop.deco.banner')}
      </Typography.Title>
      {banner && (
        <BannerEditor
          shopId={shop.id}
          module={banner}
          onChange={(m) => {
            setModules([m, ...modules.slice(1)]);
            setDirty(true);
          }}
        />
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('shop.deco.modules')}
      </Typography.Title>
      <div className="kd-muted" style={{ marginBottom: 8 }}>
        {t('shop.deco.modulesNote')}
      </div>
      <ModuleList modules={modules} />

      <div className="kd-shop-deco-state" data-testid="decoration-state">
        {decoration ? (
          <div>
            {t('shop.deco.savedAt', {
              time: dateTime(decoration.draft.updatedAt),
              version: decoration.draft.version,
            })}
          </div>
        ) : (
          <div>{t('shop.deco.notSaved')}</div>
        )}
        <div data-testid="decoration-published" data-published={Boolean(published)}>
          {published
            ? t('shop.deco.publishedAt', {
                time: dateTime(published.publishedAt),
                version: published.version,
              })
            : t('shop.deco.notPublished')}
        </div>
        {dirty && <div style={{ color: '#d46b08' }}>{t('shop.deco.unsaved')}</div>}
      </div>
      <Violations error={error} />
      {!isApiError(error, 'decoration_rules_failed') && <ProblemAlert error={error} />}
      <div className="kd-shop-actions">
        <Button
          type="primary"
          size="large"
          icon={<CloudUploadOutlined />}
          loading={busy === 'publish'}
          disabled={busy !== null || needsPurchase}
          onClick={() => run('publish')}
          data-testid="decoration-publish"
        >
          {t('shop.deco.publish')}
        </Button>
        <Button
          size="large"
          icon={<SaveOutlined />}
          loading={busy === 'save'}
          disabled={busy !== null}
          onClick={() => run('save')}
          data-testid="decoration-save"
        >
          {t('shop.deco.save')}
        </Button>
        <Button
          size="large"
          icon={<EyeOutlined />}
          href={previewUrl(shop.id)}
          target="_blank"
          rel="noopener"
          disabled={!decoration}
          data-testid="preview-link"
        >
          {t('shop.deco.preview')}
        </Button>
      </div>
      <div className="kd-muted" style={{ marginTop: 8 }}>
        {decoration ? t('shop.deco.previewNote') : t('shop.deco.previewNeedsSave')}
      </div>
    </div>
  );
}
