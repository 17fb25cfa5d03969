import { Typography } from 'antd';
import type { Agreement } from '../api/types';
import { useFormat } from '../hooks/use-format';
import { useI18n } from '../i18n/i18n-context';

/** The agreement text: paragraphs and "#"-headings of the server's plain-text/markdown body. */
export function AgreementBody({ agreement }: { agreement: Agreement }) {
  const { t } = useI18n();
  const { dateTime } = useFormat();
  const blocks = agreement.body.split(/\n{2,}/);
  // The built-in first version is "published" at the epoch; a date from 1970 would only confuse.
  const published = Date.parse(agreement.publishedAt) > Date.UTC(2000, 0, 1);
  return (
    <div data-testid="agreement-body">
      <Typography.Text type="secondary">
        {t('agreement.version', { version: agreement.version })}
        {published && ` · ${t('agreement.publishedAt', { time: dateTime(agreement.publishedAt) })}`}
      </Typography.Text>
      {blocks.map((b, i) => {
        const heading = /^#+\s+(.*)$/.exec(b.trim());
        return heading ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of one immutable text
          <Typography.Title key={i} level={5} style={{ marginTop: 16 }}>
            {heading[1]}
          </Typography.Title>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs of one immutable text
          <Typography.Paragraph key={i} style={{ whiteSpace: 'pre-wrap', marginTop: 12 }}>
            {b}
          </Typography.Paragraph>
        );
      })}
    </div>
  );
}
