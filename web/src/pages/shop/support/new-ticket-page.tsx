import { SendOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Descriptions, Form, Input, Radio } from 'antd';
import { useMemo, useState } from 'react';
import { type Attachment, openTicket, type TicketType } from '../../../api/shops';
import { ProblemAlert } from '../../../components/problem-alert';
import { useI18n } from '../../../i18n/i18n-context';
import { navigate, useRoute } from '../../../router/use-route';
import { ShopShell } from '../shop-shell';
import { currentShop, shopKeys, useShops } from '../use-shop';
import { collectDevice } from './device-info';
import { ScreenshotsField } from './screenshots-field';

const TYPES: TicketType[] = ['activation', 'account', 'other'];

/** /shop/support/new: type, subject, description, screenshots; device information goes along. */
export function NewTicketPage() {
  const { t } = useI18n();
  const { query } = useRoute();
  const qc = useQueryClient();
  const shops = useShops();
  const shop = currentShop(shops.data?.shops);
  const initialType = TYPES.find((x) => x === query.get('type')) ?? 'activation';
  const [type, setType] = useState<TicketType>(initialType);
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [shots, setShots] = useState<Attachment[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const device = useMemo(collectDevice, []);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const { ticket } = await openTicket({
        type,
        subject: subject.trim(),
        body: body.trim(),
        ...(shop && shop.status !== 'closed' ? { shopId: shop.id } : {}),
        device: collectDevice(),
        screenshotUploadIds: shots.map((s) => s.id),
      });
      void qc.invalidateQueries({ queryKey: shopKeys.tickets });
      qc.setQueryData(shopKeys.ticket(ticket.id), ticket);
      navigate(`/shop/support/${encodeURIComponent(ticket.id)}`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <ShopShell
      title={t('shop.support.new')}
      subtitle={t('shop.support.newSubtitle')}
      testId="shop-new-ticket-page"
      back={{ to: '/shop/support', label: t('shop.support.title') }}
    >
      <Form layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item label={t('shop.support.typeLabel')}>
          <Radio.Group
            value={type}
            onChange={(e) => setType(e.target.value)}
            optionType="button"
            buttonStyle="solid"
          >
            {TYPES.map((x) => (
              <Radio.Button key={x} value={x} data-testid={`ticket-type-${x}`}>
                {t(`shop.support.type.${x}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item label={t('shop.support.subject')} required>
          <Input
            value={subject}
            maxLength={100}
            showCount
            onChange={(e) => setSubject(e.target.value)}
            placeholder={t('shop.support.subjectPlaceholder')}
            data-testid="ticket-subject"
          />
        </Form.Item>
        <Form.Item label={t('shop.support.body')} required>
          <Input.TextArea
            value={body}
            maxLength={4000}
            autoSize={{ minRows: 4, maxRows: 10 }}
            onChange={(e) => setBody(e.target.value)}
            placeholder={t('shop.support.bodyPlaceholder')}
            data-testid="ticket-body"
          />
        </Form.Item>
        <Form.Item label={t('shop.support.screenshots')} extra={t('shop.support.screenshotsHint')}>
          <ScreenshotsField value={shots} onChange={setShots} />
        </Form.Item>
        <Form.Item label={t('shop.support.device')} extra={t('shop.support.deviceHint')}>
          <Descriptions column={1} size="small" bordered data-testid="ticket-device">
            <Descriptions.Item label={t('shop.support.device.ua')}>
              <span className="kd-shop-break">{device.userAgent}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('shop.support.device.platform')}>{device.platform}</Descriptions.Item>
            <Descriptions.Item label={t('shop.support.device.screen')}>{device.screen}</Descriptions.Item>
          </Descriptions>
        </Form.Item>
        <ProblemAlert error={error} />
        <Button
          type="primary"
          htmlType="submit"
          size="large"
          block
          icon={<SendOutlined />}
          loading={busy}
          disabled={!subject.trim() || !body.trim()}
          data-testid="ticket-submit"
        >
          {t('shop.support.submit')}
        </Button>
        <div className="kd-muted" style={{ marginTop: 8, textAlign: 'center' }}>
          {t('shop.support.afterSubmit')}
        </div>
      </Form>
    </ShopShell>
  );
}
