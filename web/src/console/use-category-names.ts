import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { getAdminCategories } from './shop-api';
import { useConsoleI18n } from './use-console-i18n';

/** The operator category tree (cached): id → "食品 › 生鲜" in the current language. */
export function useCategoryTree() {
  return useQuery({
    queryKey: ['console', 'categories'],
    queryFn: getAdminCategories,
    staleTime: 5 * 60_000,
  });
}

export function useCategoryName() {
  const { lang } = useConsoleI18n();
  const tree = useCategoryTree();
  return useCallback(
    (id: string | null | undefined): string => {
      if (!id) return '—';
      const name = (n: { nameZh: string; nameEn: string }) => (lang === 'en' ? n.nameEn : n.nameZh);
      for (const p of tree.data?.categories ?? []) {
        if (p.id === id) return name(p);
        const c = p.children.find((x) => x.id === id);
        if (c) return `${name(p)} › ${name(c)}`;
      }
      return id;
    },
    [tree.data, lang],
  );
}
