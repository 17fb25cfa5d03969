import { CheckCircleFilled } from '@ant-design/icons';
import { Tag } from 'antd';
import type { Template } from '../../../api/shops';
import { useI18n } from '../../../i18n/i18n-context';
import { formatYuan } from '../money';

type Props = {
  templates: Template[];
  value: string | null;
  paid: (id: string) => boolean;
  onChange: (t: Template) => void;
};

/** Free and paid templates as cards: colours, name, price. */
export function TemplatePicker({ templates, value, paid, onChange }: Props) {
  const { t, lang } = useI18n();
  return (
    <fieldset className="kd-shop-templates kd-shop-fieldset" aria-label={t('shop.deco.templates')}>
      {templates.map((tpl) => (
        <button
          type="button"
          key={tpl.id}
          className="kd-shop-template"
          data-checked={tpl.id === value}
          aria-pressed={tpl.id === value}
          onClick={() => onChange(tpl)}
          data-testid={`template-${tpl.id}`}
        >
          <div className="kd-shop-swatch" style={{ background: tpl.theme.background }}>
            <span style={{ background: tpl.theme.primary }} />
            <span style={{ background: tpl.theme.text }} />
          </div>
          <div className="kd-shop-template-name">
            {tpl.id === value && <CheckCircleFilled style={{ color: '#1677ff', marginRight: 4 }} />}
            {lang === 'en' ? tpl.name.en : tpl.name.zh}
          </div>
          {tpl.free ? (
            <Tag color="green">{t('shop.deco.free')}</Tag>
          ) : (
            <Tag color={paid(tpl.id) ? 'green' : 'gold'}>
              {paid(tpl.id) ? t('shop.deco.bought') : `¥${formatYuan(tpl.priceFen)}`}
            </Tag>
          )}
        </button>
      ))}
    </fieldset>
  );
}
