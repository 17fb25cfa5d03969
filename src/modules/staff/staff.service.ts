import type { Context } from '../../context.js';
import type { Principal, ShopAccess } from '../../kernel/auth.js';
import { type Executor, isUniqueViolation } from '../../kernel/db.js';
import { appError } from '../../kernel/errors.js';
import type { Lang } from '../../kernel/i18n.js';
import { newId } from '../../kernel/ids.js';
import { checkPassword, describeRules, type PasswordPolicy } from '../accounts/password-policy.js';
import { hashPassword } from '../accounts/passwords.js';
import type { Sessions } from '../accounts/sessions.service.js';
import { checkGrant, effective, parseList, resolveRoles, storeEffective } from './grants.js';
import { type StaffStore, SUB_NAME_KEY, type SubAccountRow } from './staff.store.js';

/**
 * Sub-accounts (SUB-1..5, docs/staff.md): create, list, configure roles and grants, reset the
 * password, disable, enable, delete. Every change needs the caller's step-up (SUB-1), runs in one
 * transaction with its audit event and webhook, and a password reset, disable or delete ends the
 * sub-account's sessions. Permission changes need no session work: access is read per request.
 */

export type StaffDeps = {
  sessions: Pick<Sessions, 'create' | 'revokeAll' | 'requireStepUp' | 'lookupWith'>;
  /** The shop's owner (main account); null when the shop does not exist. */
  ownerOf(shopId: string): Promise<string | null>;
  /** Webhooks: `emit(type, data, trx)` inside the transaction that makes the change. */
  emit(type: string, data: Record<string, unknown>, trx?: Executor): Promise<unknown>;
};

/** Who acts: the principal, its access to the shop (from guards.shop) and the request's IP. */
export type Actor = { principal: Principal; access: ShopAccess; ip: string | null; lang: Lang };

/** Case-, width- and space-blind key of a name (the unique index's column). */
export function normalizeName(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/gu, ' ').toLowerCase();
}

export function createSubAccounts(ctx: Context, store: StaffStore, deps: StaffDeps, policy: PasswordPolicy) {
  const { db, clock, audit } = ctx;
  const iso = (ms: number) => new Date(ms).toISOString();

  async function view(row: SubAccountRow, lang: Lang, roleIds?: string[], ex?: Executor) {
    const ids = roleIds ?? (await store.roleIdsOf(row.shop_id, [row.id], ex)).get(row.id) ?? [];
    const roles = await resolveRoles(store, row.shop_id, ids, lang, ex);
    const direct = parseList(row.permissions);
    return {
      id: row.id,
      name: row.name,
      roles: roles.map((r) => ({ id: r.id, name: r.name })),
      permissions: effective(direct, roles),
      directPermissions: direct,
      status: row.status === 'disabled' ? ('disabled' as const) : ('active' as const),
      createdAt: iso(row.created_at),
      updatedAt: iso(row.updated_at),
    };
  }

  function checkNewPassword(password: string, confirm: string) {
    if (password !== confirm) throw appError('password_mismatch');
    const failed = checkPassword(password, policy);
    if (failed.length > 0) {
      throw appError('password_too_weak', {
        rules: failed,
        summary: { zh: describeRules(failed, policy, 'zh-CN'), en: describeRules(failed, policy, 'en') },
      });
    }
  }

  /** The target, refused as not found when it is not the shop's; a manager never acts on itself or above itself. */
  async function target(actor: Actor, id: string, ex?: Executor): Promise<SubAccountRow> {
    const row = await store.subAccount(actor.access.shopId, id, ex);
    if (!row) throw appError('not_found');
    if (actor.access.as === 'sub_account') {
      if (row.id === actor.principal.id) throw appError('forbidden');
      const v = await view(row, actor.lang, undefined, ex);
      if (v.permissions.some((p) => !actor.access.permissions.has(p))) throw appError('forbidden');
    }
    return row;
  }

  const auditAs = (actor: Actor) => ({
    actorType: actor.principal.type,
    actorId: actor.principal.id,
    targetType: 'sub_account',
    ip: actor.ip,
  });

  /** Runs a change of one sub-account with its audit event and `staff.updated` webhook. */
  async function change(
    actor: Actor,
    id: string,
    what: 'permissions' | 'password_reset' | 'disabled' | 'enabled',
    apply: (row: SubAccountRow, trx: Executor) => Promise<Record<string, unknown> | undefined>,
  ) {
    deps.sessions.requireStepUp(actor.principal);
    const shopId = actor.access.shopId;
    try {
      await db.transaction().execute(async (trx) => {
        await store.lockShop(shopId, trx);
        const row = await target(actor, id, trx);
        const data = await apply(row, trx);
        await audit.record(
          { ...auditAs(actor), action: `staff.sub_account.${what}`, targetId: id, data: { shopId, ...data } },
          trx,
        );
        await deps.emit('staff.updated', { shopId, subAccountId: id, change: what }, trx);
      });
    } catch (err) {
      // Two role changes of one sub-account at once: the loser is told to reload.
      if (isUniqueViolation(err, 'sub_account_roles_pkey')) throw appError('conflict');
      throw err;
    }
    const row = await store.subAccount(shopId, id);
    if (!row) throw appError('not_found');
    return view(row, actor.lang);
  }

  return {
    view,

    async list(shopId: string, lang: Lang) {
      const rows = await store.list(shopId);
      const roleIds = await store.roleIdsOf(
        shopId,
        rows.map((r) => r.id),
      );
      return Promise.all(rows.map((r) => view(r, lang, roleIds.get(r.id) ?? [])));
    },

    async get(shopId: string, id: string, lang: Lang) {
      const row = await store.subAccount(shopId, id);
      if (!row) throw appError('not_found');
      return view(row, lang);
    },

    async create(
      actor: Actor,
      input: {
        name: string;
        password: string;
        passwordConfirm: string;
        roleIds?: string[];
        permissions?: string[];
      },
    ) {
      deps.sessions.requireStepUp(actor.principal);
      checkNewPassword(input.password, input.passwordConfirm);
      const shopId = actor.access.shopId;
      const grant = await checkGrant(
        store,
        actor.access,
        { roleIds: input.roleIds ?? [], permissions: input.permissions ?? [] },
        actor.lang,
      );
      const now = clock.now();
      const row: SubAccountRow = {
        id: newId('sub'),
        shop_id: shopId,
        name: input.name.normalize('NFC'),
        name_normalized: normalizeName(input.name),
        password_hash: await hashPassword(input.password),
        permissions: JSON.stringify(grant.direct),
        effective_permissions: '[]', // stored below, in the transaction
        status: 'active',
        created_by: actor.principal.id,
        password_changed_at: now,
        created_at: now,
        updated_at: now,
        deleted_at: null,
      };
      try {
        await db.transaction().execute(async (trx) => {
          await store.lockShop(shopId, trx);
          await store.insertSubAccount(row, grant.roleIds, trx);
          await storeEffective(store, shopId, [row.id], trx);
          await audit.record(
            {
              ...auditAs(actor),
              action: 'staff.sub_account.created',
              targetId: row.id,
              data: { shopId, roleIds: grant.roleIds, permissions: grant.direct },
            },
            trx,
          );
          await deps.emit('staff.created', { shopId, subAccountId: row.id }, trx);
        });
      } catch (err) {
        if (isUniqueViolation(err, SUB_NAME_KEY)) throw appError('subaccount_name_taken');
        throw err;
      }
      return view(row, actor.lang, grant.roleIds);
    },

    /** "配置角色" (SUB-4): replaces the roles and/or the direct grants. */
    update: (
      actor: Actor,
      id: string,
      input: { roleIds?: string[] | undefined; permissions?: string[] | undefined },
    ) =>
      change(actor, id, 'permissions', async (row, trx) => {
        const current = (await store.roleIdsOf(row.shop_id, [row.id], trx)).get(row.id) ?? [];
        const grant = await checkGrant(
          store,
          actor.access,
          { roleIds: input.roleIds ?? current, permissions: input.permissions ?? parseList(row.permissions) },
          actor.lang,
          trx,
        );
        await store.update(
          row.shop_id,
          row.id,
          { permissions: JSON.stringify(grant.direct) },
          clock.now(),
          trx,
        );
        await store.setRoles(row.shop_id, row.id, grant.roleIds, trx);
        await storeEffective(store, row.shop_id, [row.id], trx);
        return { roleIds: grant.roleIds, permissions: grant.direct };
      }),

    /** Password reset by the manager (entered twice); ends the sub-account's sessions. */
    async resetPassword(actor: Actor, id: string, input: { password: string; passwordConfirm: string }) {
      deps.sessions.requireStepUp(actor.principal);
      checkNewPassword(input.password, input.passwordConfirm);
      const hash = await hashPassword(input.password);
      await change(actor, id, 'password_reset', async (row, trx) => {
        const now = clock.now();
        await store.update(row.shop_id, row.id, { password_hash: hash, password_changed_at: now }, now, trx);
        const ended = await deps.sessions.revokeAll({ type: 'sub_account', id: row.id }, null, trx);
        return { sessionsEnded: ended };
      });
    },

    disable: (actor: Actor, id: string) =>
      change(actor, id, 'disabled', async (row, trx) => {
        await store.update(row.shop_id, row.id, { status: 'disabled' }, clock.now(), trx);
        const ended = await deps.sessions.revokeAll({ type: 'sub_account', id: row.id }, null, trx);
        return { sessionsEnded: ended };
      }),

    enable: (actor: Actor, id: string) =>
      change(actor, id, 'enabled', async (row, trx) => {
        await store.update(row.shop_id, row.id, { status: 'active' }, clock.now(), trx);
        return undefined;
      }),

    /** Deletes (the row stays, marked deleted, for the audit trail); the name is free again. */
    async remove(actor: Actor, id: string): Promise<void> {
      deps.sessions.requireStepUp(actor.principal);
      const shopId = actor.access.shopId;
      await db.transaction().execute(async (trx) => {
        await store.lockShop(shopId, trx);
        const row = await target(actor, id, trx);
        const now = clock.now();
        if (!(await store.update(shopId, row.id, { status: 'deleted', deleted_at: now }, now, trx)))
          throw appError('not_found');
        await store.setRoles(shopId, row.id, [], trx);
        await storeEffective(store, shopId, [row.id], trx);
        const ended = await deps.sessions.revokeAll({ type: 'sub_account', id: row.id }, null, trx);
        await audit.record(
          {
            ...auditAs(actor),
            action: 'staff.sub_account.deleted',
            targetId: id,
            data: { shopId, sessionsEnded: ended },
          },
          trx,
        );
        await deps.emit('staff.deleted', { shopId, subAccountId: id }, trx);
      });
    },
  };
}

export type SubAccounts = ReturnType<typeof createSubAccounts>;
