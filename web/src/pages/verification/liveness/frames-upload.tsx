import { PictureOutlined } from '@ant-design/icons';
import { Button, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useI18n } from '../../../i18n/i18n-context';
import { MAX_FRAMES } from './capture-frames';

type Props = { busy: boolean; onFrames: (frames: File[]) => void };

/** The fallback without a camera: 2–12 photos of the actions, chosen from the device. */
export function FramesUpload({ busy, onFrames }: Props) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<File[]>([]);
  const urls = useMemo(() => files.map((f) => URL.createObjectURL(f)), [files]);
  useEffect(
    () => () => {
      for (const u of urls) URL.revokeObjectURL(u);
    },
    [urls],
  );
  const countOk = files.length >= 2 && files.length <= MAX_FRAMES;
  return (
    <div data-testid="frames-upload">
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('verification.liveness.fallbackBody')}
      </Typography.Paragraph>
      <input
        ref={input}
        type="file"
        accept="image/jpeg,image/png,image/webp"
        multiple
        hidden
        data-testid="liveness-files"
        onChange={(e) => {
          setFiles(Array.from(e.target.files ?? []));
          e.target.value = '';
        }}
      />
      {files.length > 0 && (
        <>
          <div className="kd-verify-thumbs">
            {urls.map((u, i) => (
              <img key={u} src={u} alt={`${i + 1}`} />
            ))}
          </div>
          <Typography.Text type={countOk ? 'secondary' : 'danger'} style={{ fontSize: 13 }}>
            {countOk
              ? t('verification.liveness.framesChosen', { n: files.length })
              : t('verification.liveness.framesCount')}
          </Typography.Text>
        </>
      )}
      <div className="kd-verify-slot-actions" style={{ marginTop: 8 }}>
        <Button icon={<PictureOutlined />} onClick={() => input.current?.click()} disabled={busy}>
          {t('verification.liveness.chooseFrames')}
        </Button>
        <Button
          type="primary"
          disabled={!countOk}
          loading={busy}
          onClick={() => onFrames(files)}
          data-testid="liveness-send"
        >
          {t('verification.liveness.sendFrames')}
        </Button>
      </div>
    </div>
  );
}
