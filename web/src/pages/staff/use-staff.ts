import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import {
  type CatalogPermission,
  getPermissionCatalog,
  listRoles,
  listSubAccounts,
  type PermissionCatalog,
} from '../../api/staff';
import { useI18n } from '../../i18n/i18n-context';

/** react-query keys and hooks of the staff pages. */
export const staffKeys = {
  catalog: ['permission-catalog'] as const,
  subAccounts: (shopId: string) => ['staff-sub-accounts', shopId] as const,
  roles: (shopId: string, lang: string) => ['staff-roles', shopId, lang] as const,
};

export function useCatalog() {
  return useQuery({
    queryKey: staffKeys.catalog,
    queryFn: getPermissionCatalog,
    staleTime: Infinity,
    retry: 1,
  });
}

export function useSubAccounts(shopId: string) {
  return useQuery({
    queryKey: staffKeys.subAccounts(shopId),
    queryFn: () => listSubAccounts(shopId),
    retry: false,
  });
}

/** Templates first, then the shop's custom roles; template names come back in the chosen language. */
export function useRoles(shopId: string) {
  const { lang } = useI18n();
  return useQuery({
    queryKey: staffKeys.roles(shopId, lang),
    queryFn: () => listRoles(shopId),
    retry: false,
  });
}

/** After any change: the list and the roles (their holder counts) are stale. */
export function useRefreshStaff(shopId: string) {
  const qc = useQueryClient();
  return useCallback(() => {
    void qc.invalidateQueries({ queryKey: staffKeys.subAccounts(shopId) });
    void qc.invalidateQueries({ queryKey: ['staff-roles', shopId] });
  }, [qc, shopId]);
}

/** The catalog indexed: labels by key, permissions by group (catalog order), implications. */
export function useCatalogIndex(catalog: PermissionCatalog | undefined) {
  return useMemo(() => {
    const byKey = new Map<string, CatalogPermission>();
    const byGroup = new Map<string, CatalogPermission[]>();
    for (const p of catalog?.permissions ?? []) {
      byKey.set(p.key, p);
      byGroup.set(p.group, [...(byGroup.get(p.group) ?? []), p]);
    }
    /** What a set of permissions amounts to, with what each implies (unknown keys dropped). */
    const expand = (perms: Iterable<string>): Set<string> => {
      const out = new Set<string>();
      const add = (k: string) => {
        const p = byKey.get(k);
        if (!p || out.has(k)) return;
        out.add(k);
        for (const q of p.implies) add(q);
      };
      for (const k of perms) add(k);
      return out;
    };
    /** Sorted in catalog order. */
    const sort = (perms: Iterable<string>) => {
      const set = new Set(perms);
      return (catalog?.permissions ?? []).map((p) => p.key).filter((k) => set.has(k));
    };
    return { byKey, byGroup, expand, sort };
  }, [catalog]);
}
export type CatalogIndex = ReturnType<typeof useCatalogIndex>;
