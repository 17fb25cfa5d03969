import { useQuery } from '@tanstack/react-query';
import { Button, Skeleton } from 'antd';
import { type CategoryL1, type CategoryL2, listCategories } from '../../../api/shops';
import { ProblemAlert } from '../../../components/problem-alert';
import { useI18n } from '../../../i18n/i18n-context';
import { shopKeys } from '../use-shop';
import { RequirementTags } from './requirement-tags';

type Props = {
  l1: string | null;
  l2: string | null;
  onChange: (l1: string | null, l2: string | null) => void;
};

/** SHOP-2: level 1 as chips, then the level-2 categories of it as cards with their requirements. */
export function CategoryPicker({ l1, l2, onChange }: Props) {
  const { t, lang } = useI18n();
  const q = useQuery({
    queryKey: [...shopKeys.categories, lang],
    queryFn: listCategories,
    staleTime: 300_000,
  });
  if (q.error) return <ProblemAlert error={q.error} />;
  if (!q.data) return <Skeleton active />;
  const tree = q.data.categories;
  const parent = tree.find((c) => c.id === l1);
  return (
    <div>
      <fieldset
        className="kd-shop-chips kd-shop-fieldset"
        data-testid="category-l1"
        aria-label={t('shop.open.categoryL1')}
      >
        {tree.map((c: CategoryL1) => (
          <Button
            key={c.id}
            size="middle"
            type={c.id === l1 ? 'primary' : 'default'}
            ghost={c.id === l1}
            aria-pressed={c.id === l1}
            onClick={() => onChange(c.id, c.id === l1 ? l2 : null)}
            data-testid={`category-l1-${c.id}`}
          >
            {c.name}
          </Button>
        ))}
      </fieldset>
      {parent ? (
        <fieldset
          className="kd-shop-fieldset kd-shop-l2"
          data-testid="category-l2"
          aria-label={t('shop.open.categoryL2')}
        >
          {parent.children.map((c: CategoryL2) => (
            <button
              type="button"
              key={c.id}
              className="kd-shop-choice"
              data-checked={c.id === l2}
              aria-pressed={c.id === l2}
              onClick={() => onChange(parent.id, c.id)}
              data-testid={`category-l2-${c.id}`}
            >
              <div className="kd-shop-choice-title">
                {parent.name} › {c.name}
              </div>
              <RequirementTags requirements={c.requirements} />
            </button>
          ))}
        </fieldset>
      ) : (
        <div className="kd-muted" style={{ margin: '8px 0' }}>
          {t('shop.open.pickL1')}
        </div>
      )}
    </div>
  );
}

/** The selected level-2 category, looked up in the cached tree. */
export function useCategory(l2: string | null): { parent?: CategoryL1; node?: CategoryL2 } {
  const { lang } = useI18n();
  const q = useQuery({
    queryKey: [...shopKeys.categories, lang],
    queryFn: listCategories,
    staleTime: 300_000,
  });
  for (const p of q.data?.categories ?? []) {
    const node = p.children.find((c) => c.id === l2);
    if (node) return { parent: p, node };
  }
  return {};
}
