import { CameraOutlined, CloseOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useRef, useState } from 'react';
import { type Attachment, attachmentUrl, uploadScreenshot } from '../../../api/shops';
import { useI18n } from '../../../i18n/i18n-context';
import { UploadProblem } from '../upload-problem';

export const MAX_SCREENSHOTS = 5;

/** Up to 5 screenshots, each uploaded at once (POST /v1/support/attachments). */
export function ScreenshotsField({
  value,
  onChange,
}: {
  value: Attachment[];
  onChange: (a: Attachment[]) => void;
}) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const add = async (files: File[]) => {
    setBusy(true);
    setError(null);
    const next = [...value];
    try {
      for (const f of files.slice(0, MAX_SCREENSHOTS - value.length)) {
        const { attachment } = await uploadScreenshot(f, f.name);
        next.push(attachment);
        onChange([...next]);
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div data-testid="ticket-screenshots">
      <div className="kd-shop-thumbs">
        {value.map((a) => (
          <div key={a.id} className="kd-shop-thumb">
            <img src={attachmentUrl(a.id)} alt={t('shop.support.screenshot')} />
            <button
              type="button"
              aria-label={t('shop.support.removeShot')}
              onClick={() => onChange(value.filter((x) => x.id !== a.id))}
            >
              <CloseOutlined />
            </button>
          </div>
        ))}
      </div>
      <UploadProblem error={error} />
      {value.length < MAX_SCREENSHOTS && (
        <Button
          icon={<CameraOutlined />}
          loading={busy}
          onClick={() => input.current?.click()}
          data-testid="ticket-screenshot-upload"
        >
          {t('shop.support.addShot', { n: value.length, max: MAX_SCREENSHOTS })}
        </Button>
      )}
      <input
        ref={input}
        type="file"
        multiple
        style={{ display: 'none' }}
        accept="image/jpeg,image/png,image/webp"
        data-testid="ticket-screenshot-file"
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          if (files.length) void add(files);
        }}
      />
    </div>
  );
}
