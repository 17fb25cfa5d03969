import { PictureOutlined } from '@ant-design/icons';
import { Button, Form, Input, Spin } from 'antd';
import { useRef, useState } from 'react';
import { isApiError } from '../../../api/client';
import { type DecorationModule, decorationImageUrl, uploadDecorationImage } from '../../../api/shops';
import { useI18n } from '../../../i18n/i18n-context';
import { UploadProblem } from '../upload-problem';

type Banner =
  | Extract<DecorationModule, { type: 'hero_banner' }>
  | Extract<DecorationModule, { type: 'promotion' }>;
type Props = { shopId: string; module: Banner; onChange: (m: Banner) => void };

/** The first module (hero banner or promotion): its text and its 750 px image. */
export function BannerEditor({ shopId, module: m, onChange }: Props) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const upload = async (file: File) => {
    setBusy(true);
    setError(null);
    try {
      const { image } = await uploadDecorationImage(shopId, file, file.name);
      onChange({ ...m, imageId: image.id });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const subtitle = m.type === 'hero_banner' ? m.subtitle : m.body;
  return (
    <div className="kd-shop-item" data-testid="banner-editor">
      <Form layout="vertical" component="div">
        <Form.Item label={t('shop.deco.bannerTitle')} style={{ marginBottom: 12 }}>
          <Input
            value={m.title ?? ''}
            maxLength={30}
            showCount
            onChange={(e) => onChange({ ...m, title: e.target.value })}
            data-testid="banner-title"
          />
        </Form.Item>
        <Form.Item label={t('shop.deco.bannerSubtitle')} style={{ marginBottom: 12 }}>
          <Input
            value={subtitle ?? ''}
            maxLength={m.type === 'hero_banner' ? 60 : 200}
            showCount
            onChange={(e) =>
              onChange(
                m.type === 'hero_banner'
                  ? { ...m, subtitle: e.target.value }
                  : { ...m, body: e.target.value },
              )
            }
            data-testid="banner-subtitle"
          />
        </Form.Item>
      </Form>
      <div className="kd-muted" style={{ marginBottom: 6 }}>
        {t('shop.deco.bannerImageHint')}
      </div>
      <Spin spinning={busy}>
        {m.imageId ? (
          <div className="kd-shop-preview">
            <img
              src={decorationImageUrl(m.imageId)}
              alt={t('shop.deco.bannerImage')}
              data-testid="banner-image"
            />
          </div>
        ) : null}
      </Spin>
      <UploadProblem
        error={error}
        details={
          isApiError(error, 'decoration_image_too_narrow') ? (
            <div>{t('shop.deco.narrowHint')}</div>
          ) : undefined
        }
      />
      <Button
        block
        icon={<PictureOutlined />}
        loading={busy}
        onClick={() => input.current?.click()}
        data-testid="decoration-image-upload"
      >
        {m.imageId ? t('shop.upload.replace') : t('shop.deco.bannerUpload')}
      </Button>
      {m.imageId && (
        <Button type="link" block onClick={() => onChange({ ...m, imageId: undefined })}>
          {t('shop.deco.bannerRemove')}
        </Button>
      )}
      <input
        ref={input}
        type="file"
        accept="image/jpeg,image/png,image/webp"
        style={{ display: 'none' }}
        data-testid="decoration-image-file"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void upload(f);
        }}
      />
    </div>
  );
}
