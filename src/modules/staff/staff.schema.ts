import { z } from 'zod';

/** Zod schemas of the staff API (SPEC §10 sub-account calls, docs/staff.md). */

/**
 * A display name: 1–32 characters, no control or format characters (\p{C}: tabs, newlines,
 * zero-width and bidi marks), no leading or trailing space. Uniqueness is case- and width-blind.
 */
const displayName = z
  .string()
  .min(1)
  .max(32)
  .regex(/^[^\p{C}]+$/u, 'no control or invisible characters')
  .regex(/^\S(.*\S)?$/u, 'no leading or trailing spaces');

const password = z.string().min(1).max(128);
const permissionList = z.array(z.string().min(1).max(64)).max(100);
const roleIdList = z.array(z.string().min(1).max(64)).max(50);

export const shopParams = z.object({ shopId: z.string().min(1).max(64) });
export const subAccountParams = shopParams.extend({ subAccountId: z.string().min(1).max(64) });
export const roleParams = shopParams.extend({ roleId: z.string().min(1).max(64) });

export const roleRef = z.object({ id: z.string(), name: z.string() });

export const subAccountView = z.object({
  id: z.string(),
  name: z.string(),
  roles: z.array(roleRef),
  permissions: z
    .array(z.string())
    .describe('Everything the sub-account holds: roles, direct grants, implied'),
  directPermissions: z.array(z.string()).describe('Granted directly, outside roles'),
  status: z.enum(['active', 'disabled']),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const createSubAccountRequest = z.object({
  name: displayName,
  password,
  passwordConfirm: password,
  roleIds: roleIdList.optional(),
  permissions: permissionList.optional(),
});

export const updateSubAccountRequest = z
  .object({ roleIds: roleIdList.optional(), permissions: permissionList.optional() })
  .refine((b) => b.roleIds !== undefined || b.permissions !== undefined, 'roleIds or permissions');

export const passwordResetRequest = z.object({ password, passwordConfirm: password });

export const roleView = z.object({
  id: z.string(),
  name: z.string(),
  permissions: z.array(z.string()),
  builtIn: z.boolean().describe('A catalog template (read-only)'),
  subAccounts: z.number().int().optional().describe('How many sub-accounts have the role'),
});

export const createRoleRequest = z.object({ name: displayName, permissions: permissionList });
export const updateRoleRequest = z
  .object({ name: displayName.optional(), permissions: permissionList.optional() })
  .refine((b) => b.name !== undefined || b.permissions !== undefined, 'name or permissions');

const text = z.object({ zh: z.string(), en: z.string() });

export const catalogResponse = z.object({
  permissions: z.array(
    z.object({
      key: z.string(),
      group: z.string(),
      label: text,
      implies: z.array(z.string()),
      sensitive: z.boolean().describe('Grant with care: money, settings or staff'),
    }),
  ),
  groups: z.array(z.object({ key: z.string(), label: text })),
  ownerOnly: z
    .array(z.object({ key: z.string(), label: text }))
    .describe('Powers of the main account that no sub-account can be granted'),
  templates: z.array(z.object({ id: z.string(), name: text, permissions: z.array(z.string()) })),
});

export const subAccountPrincipal = z.object({
  id: z.string(),
  name: z.string(),
  shopId: z.string(),
  roles: z.array(roleRef),
  permissions: z.array(z.string()),
});
