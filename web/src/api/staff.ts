import { api } from './client';
import type { Me, SignIn } from './types';

/** Typed calls of the staff API (SPEC §8, docs/staff.md): the permission catalog, sub-accounts, roles. */

export type LocalText = { zh: string; en: string };

export type CatalogPermission = {
  key: string;
  group: string;
  label: LocalText;
  implies: string[];
  sensitive: boolean;
};
export type PermissionCatalog = {
  permissions: CatalogPermission[];
  groups: Array<{ key: string; label: LocalText }>;
  ownerOnly: Array<{ key: string; label: LocalText }>;
  templates: Array<{ id: string; name: LocalText; permissions: string[] }>;
};

export type RoleRef = { id: string; name: string };
export type SubAccountStatus = 'active' | 'disabled';
export type SubAccount = {
  id: string;
  name: string;
  roles: RoleRef[];
  /** Everything it holds: roles, direct grants and what they imply. */
  permissions: string[];
  /** Granted directly, outside roles. */
  directPermissions: string[];
  status: SubAccountStatus;
  createdAt: string;
  updatedAt: string;
};
export type StaffRole = {
  id: string;
  name: string;
  permissions: string[];
  /** A catalog template (read-only). */
  builtIn: boolean;
  subAccounts?: number;
};

/** GET /v1/me for a sub-account adds this (api/types.ts's Me covers merchants). */
export type SubAccountPrincipal = {
  id: string;
  name: string;
  shopId: string;
  roles: RoleRef[];
  permissions: string[];
};
export const subAccountOf = (me: Me | undefined): SubAccountPrincipal | undefined =>
  me?.type === 'sub_account' ? (me as Me & { subAccount?: SubAccountPrincipal }).subAccount : undefined;

const enc = encodeURIComponent;
const subs = (shopId: string) => `/v1/shops/${enc(shopId)}/sub-accounts`;
const roles = (shopId: string) => `/v1/shops/${enc(shopId)}/roles`;

export const getPermissionCatalog = () => api<PermissionCatalog>('/v1/permissions');

export const listSubAccounts = (shopId: string) => api<{ subAccounts: SubAccount[] }>(subs(shopId));
export type CreateSubAccountInput = {
  name: string;
  password: string;
  passwordConfirm: string;
  roleIds?: string[];
  permissions?: string[];
};
export const createSubAccount = (shopId: string, body: CreateSubAccountInput) =>
  api<{ subAccount: SubAccount }>(subs(shopId), { body });
/** Replaces its roles and direct permissions; open sessions see the change at their next request. */
export const updateSubAccount = (
  shopId: string,
  id: string,
  body: { roleIds?: string[]; permissions?: string[] },
) => api<{ subAccount: SubAccount }>(`${subs(shopId)}/${enc(id)}`, { method: 'PATCH', body });
export const resetSubAccountPassword = (
  shopId: string,
  id: string,
  body: { password: string; passwordConfirm: string },
) => api<void>(`${subs(shopId)}/${enc(id)}/password`, { body });
export const disableSubAccount = (shopId: string, id: string) =>
  api<{ subAccount: SubAccount }>(`${subs(shopId)}/${enc(id)}/disable`, { method: 'POST', body: {} });
export const enableSubAccount = (shopId: string, id: string) =>
  api<{ subAccount: SubAccount }>(`${subs(shopId)}/${enc(id)}/enable`, { method: 'POST', body: {} });
export const deleteSubAccount = (shopId: string, id: string) =>
  api<void>(`${subs(shopId)}/${enc(id)}`, { method: 'DELETE' });

export const listRoles = (shopId: string) => api<{ roles: StaffRole[] }>(roles(shopId));
export const createRole = (shopId: string, body: { name: string; permissions: string[] }) =>
  api<{ role: StaffRole }>(roles(shopId), { body });
export const updateRole = (shopId: string, roleId: string, body: { name?: string; permissions?: string[] }) =>
  api<{ role: StaffRole }>(`${roles(shopId)}/${enc(roleId)}`, { method: 'PATCH', body });
export const deleteRole = (shopId: string, roleId: string) =>
  api<void>(`${roles(shopId)}/${enc(roleId)}`, { method: 'DELETE' });

/** Sub-account sign-in (LOGIN-1, SUB-3): shop id + name + password. */
export const signInSubAccount = (body: { shopId: string; subAccountName: string; password: string }) =>
  api<SignIn>('/v1/sessions', { body });
