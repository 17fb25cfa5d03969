import { Tag } from 'antd';
import type { DecorationModule } from '../../../api/shops';
import { useI18n } from '../../../i18n/i18n-context';
import type { MessageKey } from '../../../i18n/messages-zh';

/** The home page's modules in page order (the template's defaults are kept). */
export function ModuleList({ modules }: { modules: DecorationModule[] }) {
  const { t } = useI18n();
  return (
    <ol className="kd-shop-modules" data-testid="decoration-modules">
      {modules.map((m, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: modules are identified by their position
        <li key={i} data-type={m.type}>
          <Tag>{t(`shop.deco.module.${m.type}` as MessageKey)}</Tag>
          <span className="kd-muted">{summary(m)}</span>
        </li>
      ))}
    </ol>
  );
}

function summary(m: DecorationModule): string {
  switch (m.type) {
    case 'hero_banner':
      return m.title ?? '';
    case 'promotion':
    case 'customer_service':
    case 'return_policy':
      return m.title;
    case 'category_nav':
      return m.items.map((i) => i.label).join(' · ');
    case 'rich_text':
      return m.text.slice(0, 30);
    case 'product_grid':
      return m.title ?? '';
  }
}
