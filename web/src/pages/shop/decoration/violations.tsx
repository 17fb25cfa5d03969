import { Alert } from 'antd';
import { isApiError } from '../../../api/client';
import { useI18n } from '../../../i18n/i18n-context';
import type { MessageKey } from '../../../i18n/messages-zh';

type Violation = { path: string; rule: string; module?: string };

/** 422 decoration_rules_failed: the title, then every broken rule in words. */
export function Violations({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!isApiError(error, 'decoration_rules_failed')) return null;
  const list = (Array.isArray(error.problem.violations) ? error.problem.violations : []) as Violation[];
  return (
    <Alert
      type="error"
      showIcon
      style={{ margin: '12px 0' }}
      title={error.problem.title}
      data-code={error.code}
      description={
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {list.map((v) => {
            const key = `shop.deco.rule.${v.rule}` as MessageKey;
            return (
              <li key={`${v.path}-${v.rule}`}>
                {t(key) === key ? v.rule : t(key)} <code className="kd-shop-code">{v.path}</code>
              </li>
            );
          })}
        </ul>
      }
    />
  );
}
