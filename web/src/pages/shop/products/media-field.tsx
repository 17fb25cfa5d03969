import { PictureOutlined, VideoCameraOutlined } from '@ant-design/icons';
import { Button, Spin } from 'antd';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../../api/client';
import { type Media, uploadProductImage, uploadProductVideo } from '../../../api/shops';
import { useI18n } from '../../../i18n/i18n-context';
import { UploadProblem } from '../upload-problem';

type Props = {
  shopId: string;
  kind: 'image' | 'video';
  media: Media | null;
  onChange: (m: Media | null) => void;
};

/**
 * The main image (JPEG/PNG/WebP ≤ 3 MB, 1:1 or 3:4, white background) or the video (≤ 15 s). The
 * server checks the file for real; a refusal says which rule and, where it helps, the numbers.
 */
export function MediaField({ shopId, kind, media, onChange }: Props) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [local, setLocal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => () => void (local && URL.revokeObjectURL(local)), [local]);
  const choose = async (file: File) => {
    setBusy(true);
    setError(null);
    onChange(null);
    setLocal(URL.createObjectURL(file));
    try {
      const upload = kind === 'image' ? uploadProductImage : uploadProductVideo;
      const { media: m } = await upload(shopId, file, file.name);
      onChange(m);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const id = kind === 'image' ? 'product-image' : 'product-video';
  return (
    <div
      className="kd-shop-item"
      data-testid={`${id}-field`}
      data-state={media ? 'uploaded' : error ? 'refused' : 'empty'}
    >
      <ul className="kd-shop-rules">
        {(kind === 'image'
          ? [t('shop.prod.imgRule.white'), t('shop.prod.imgRule.ratio'), t('shop.prod.imgRule.size')]
          : [t('shop.prod.vidRule.length'), t('shop.prod.vidRule.size')]
        ).map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      {local && (
        <Spin spinning={busy}>
          <div className="kd-shop-preview" style={error ? { opacity: 0.45 } : undefined}>
            {kind === 'image' ? (
              <img src={local} alt={t('shop.prod.mainImage')} />
            ) : (
              // biome-ignore lint/a11y/useMediaCaption: a preview of the merchant's own upload
              <video src={local} controls preload="metadata" />
            )}
          </div>
        </Spin>
      )}
      {media && (
        <div className="kd-shop-ok" data-testid={`${id}-ok`}>
          {kind === 'image'
            ? t('shop.prod.imageOk', { width: media.width ?? 0, height: media.height ?? 0 })
            : t('shop.prod.videoOk', { seconds: ((media.durationMs ?? 0) / 1000).toFixed(1) })}
        </div>
      )}
      <UploadProblem error={error} details={<Details error={error} />} testId={`${id}-error`} />
      <Button
        block
        icon={kind === 'image' ? <PictureOutlined /> : <VideoCameraOutlined />}
        loading={busy}
        type={kind === 'image' && !media ? 'primary' : 'default'}
        ghost={kind === 'image' && !media}
        onClick={() => input.current?.click()}
        data-testid={`${id}-upload`}
      >
        {media || local
          ? t('shop.upload.replace')
          : kind === 'image'
            ? t('shop.prod.chooseImage')
            : t('shop.prod.chooseVideo')}
      </Button>
      {kind === 'video' && (media || local) && !busy && (
        <Button
          type="link"
          block
          onClick={() => {
            onChange(null);
            setLocal(null);
            setError(null);
          }}
        >
          {t('shop.prod.removeVideo')}
        </Button>
      )}
      <input
        ref={input}
        type="file"
        style={{ display: 'none' }}
        accept={kind === 'image' ? 'image/jpeg,image/png,image/webp' : 'video/mp4,video/quicktime,.mp4,.mov'}
        data-testid={`${id}-file`}
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void choose(f);
        }}
      />
    </div>
  );
}

/** The numbers behind a refusal: the image's size and ratio, the white share of its border. */
function Details({ error }: { error: unknown }): ReactNode {
  const { t } = useI18n();
  if (!(error instanceof ApiError)) return null;
  const p = error.problem;
  const n = (x: unknown) => (typeof x === 'number' ? x : undefined);
  switch (error.code) {
    case 'product_image_ratio':
      return n(p.width) !== undefined ? (
        <div>{t('shop.prod.err.ratio', { width: n(p.width)!, height: n(p.height) ?? 0 })}</div>
      ) : null;
    case 'product_image_background':
      return n(p.whiteShare) !== undefined ? (
        <div>
          {t('shop.prod.err.white', {
            share: Math.round(n(p.whiteShare)! * 1000) / 10,
            required: Math.round((n(p.required) ?? 0.97) * 1000) / 10,
          })}
        </div>
      ) : null;
    case 'product_image_too_large':
      return <div>{t('shop.prod.err.large')}</div>;
    default:
      return null;
  }
}
