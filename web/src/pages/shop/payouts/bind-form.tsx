import { LinkOutlined } from '@ant-design/icons';
import { Button, Form, Input, Radio } from 'antd';
import { useState } from 'react';
import { bindPayoutAccount, type PayoutAccount, type PayoutKind } from '../../../api/shops';
import { ProblemAlert } from '../../../components/problem-alert';
import { useAction } from '../../../hooks/use-action';
import { useI18n } from '../../../i18n/i18n-context';

type Values = {
  account: string;
  holderName: string;
  reservedPhone: string;
  bankName?: string;
  cardType?: 'debit' | 'credit';
};

/** PAY-1: bind Alipay, WeChat Pay or a bank card; the server checks holder, phone, Luhn; step-up first. */
export function BindForm({ onBound }: { onBound: (a: PayoutAccount) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [kind, setKind] = useState<PayoutKind>('alipay');
  const { run, busy, error } = useAction();
  const submit = async (v: Values) => {
    const body =
      kind === 'bank_card'
        ? {
            kind,
            account: v.account,
            holderName: v.holderName,
            reservedPhone: v.reservedPhone,
            bankName: v.bankName ?? '',
            cardType: v.cardType ?? 'debit',
          }
        : { kind, account: v.account, holderName: v.holderName, reservedPhone: v.reservedPhone };
    const r = await run(() => bindPayoutAccount(body));
    if (r) {
      form.resetFields();
      onBound(r.value.payoutAccount);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} data-testid="payout-bind-form">
      <Form.Item label={t('shop.pay.kind')}>
        <Radio.Group
          value={kind}
          onChange={(e) => setKind(e.target.value)}
          optionType="button"
          buttonStyle="solid"
        >
          {(['alipay', 'wechat_pay', 'bank_card'] as const).map((k) => (
            <Radio.Button key={k} value={k} data-testid={`payout-kind-${k}`}>
              {t(`shop.pay.kind.${k}`)}
            </Radio.Button>
          ))}
        </Radio.Group>
      </Form.Item>
      <Form.Item
        name="account"
        label={t(`shop.pay.account.${kind}`)}
        extra={t(`shop.pay.accountHint.${kind}`)}
        rules={[{ required: true, message: t('shop.pay.required') }]}
      >
        <Input
          inputMode={kind === 'bank_card' ? 'numeric' : undefined}
          autoComplete="off"
          data-testid="payout-account"
        />
      </Form.Item>
      {kind === 'bank_card' && (
        <>
          <Form.Item
            name="bankName"
            label={t('shop.pay.bankName')}
            rules={[{ required: true, message: t('shop.pay.required') }]}
          >
            <Input placeholder={t('shop.pay.bankNamePlaceholder')} data-testid="payout-bank-name" />
          </Form.Item>
          <Form.Item name="cardType" label={t('shop.pay.cardType')} initialValue="debit">
            <Radio.Group>
              <Radio value="debit">{t('shop.pay.card.debit')}</Radio>
              <Radio value="credit">{t('shop.pay.card.credit')}</Radio>
            </Radio.Group>
          </Form.Item>
        </>
      )}
      <Form.Item
        name="holderName"
        label={t('shop.pay.holder')}
        extra={t('shop.pay.holderHint')}
        rules={[{ required: true, message: t('shop.pay.required') }]}
      >
        <Input data-testid="payout-holder" />
      </Form.Item>
      <Form.Item
        name="reservedPhone"
        label={t('shop.pay.phone')}
        extra={t('shop.pay.phoneHint')}
        rules={[{ required: true, message: t('shop.pay.required') }]}
      >
        <Input inputMode="tel" data-testid="payout-phone" />
      </Form.Item>
      <ProblemAlert error={error} />
      <Button
        type="primary"
        htmlType="submit"
        size="large"
        block
        icon={<LinkOutlined />}
        loading={busy}
        data-testid="payout-bind"
      >
        {t('shop.pay.bind')}
      </Button>
      <div className="kd-muted" style={{ marginTop: 8 }}>
        {t('shop.pay.stepUpNote')}
      </div>
    </Form>
  );
}
